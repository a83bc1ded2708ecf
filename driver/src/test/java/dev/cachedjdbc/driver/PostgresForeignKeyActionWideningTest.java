package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Foreign key widening by event on PostgreSQL, plus its upserts, UPDATE … FROM and writable CTEs. */
class PostgresForeignKeyActionWideningTest extends ForeignKeyActionWideningContractTest {

    @BeforeAll
    static void requirePostgres() {
        TestDatabases.assumePostgres();
    }

    @Override
    String plainUrl() {
        return TestDatabases.PG_URL;
    }

    @Override
    Properties credentials() {
        return TestDatabases.postgresCredentials();
    }

    @Override
    String generatedFromId() {
        return "int generated always as (id * 10) stored";
    }

    @Test
    void anUpsertThatUpdatesOtherColumnsLeavesTheChildrensCachedReadAHit() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "insert into fk_parent values (1, 'uno') on conflict (id) do update set name = excluded.name");

        assertChildrenReadIsAHitTheDatabaseAgreesWith(connection);
    }

    @Test
    void anUpdateFromAnotherTableOfOtherColumnsLeavesTheChildrensCachedReadAHit() throws SQLException {
        Connection connection = tablesReferencingWith("on update set null");
        childrenCached(connection);

        run(connection, "update fk_parent p set name = s.name from (select 1 as id, 'uno' as name) s where s.id = p.id");

        assertChildrenReadIsAHitTheDatabaseAgreesWith(connection);
    }

    @Test
    void anUpdateAfterAWithClauseMayAssignAnyColumnAndReadsTheChildrenAgain() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "with renamed as (select 1 as id) update fk_parent set name = 'uno'"
                + " where id in (select id from renamed)");

        assertChildrenReadAgain(connection, CHILDREN_AS_CREATED);
    }

    @Test
    void anUpsertThatUpdatesAParentsKeyReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "insert into fk_parent values (1, 'uno') on conflict (id) do update set id = 11");

        assertThat(children(connection)).isEqualTo("1:11,2:2");
    }

    @Test
    void anUpsertThatDoesNothingOnConflictLeavesTheChildrensCachedReadAHit() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "insert into fk_parent values (1, 'uno') on conflict (id) do nothing");

        assertChildrenReadIsAHit(connection);
    }

    @Test
    void aDeleteInAWritableCteReadsTheChildrenFresh() throws SQLException {
        Connection connection = tablesReferencingWith("on delete cascade");
        childrenCached(connection);

        run(connection, "with gone as (delete from fk_parent where id = 1 returning id)"
                + " insert into fk_parent select id + 10, 'again' from gone");

        assertThat(children(connection)).isEqualTo("2:2");
    }
}
