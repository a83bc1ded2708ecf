package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Foreign key widening by event on embedded H2, plus its MERGE by key and its columns with ON UPDATE. */
class H2ForeignKeyActionWideningTest extends ForeignKeyActionWideningContractTest {

    private static final String URL = TestDatabases.uniqueH2Url("fkwiden");

    @Override
    String plainUrl() {
        return URL;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    String generatedFromId() {
        return "int generated always as (id * 10)";
    }

    @Test
    void aMergeByKeyMayAssignAnyColumnAndReadsTheChildrenAgain() throws SQLException {
        Connection connection = tablesReferencingWith("on update cascade");
        childrenCached(connection);

        run(connection, "merge into fk_parent key (id) values (1, 'uno')");

        assertChildrenReadAgain(connection, CHILDREN_AS_CREATED);
    }

    @Test
    void updatingAParentWhoseReferencedColumnHasAnOnUpdateExpressionReadsTheChildrenFresh() throws SQLException {
        // H2 sets stamp to 7 on every update that does not assign it: the action fires whatever is assigned.
        Connection connection = tables(", stamp int on update 7 unique",
                "(id, name, stamp) values (1, 'one', 10), (2, 'two', 20)", "stamp", "on update cascade",
                "(1, 10), (2, 20)");
        assertThat(children(connection)).isEqualTo("1:10,2:20");

        run(connection, "update fk_parent set name = 'uno' where id = 1");

        assertChildrenReadAgain(connection, "1:7,2:20");
    }
}
