package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Foreign key widening by event on PostgreSQL, plus its upserts. */
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
