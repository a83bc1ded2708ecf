package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Excluded tables on H2, where a synonym is a second name of one table. */
class ExcludedTablesReachH2Test extends ExcludedTablesReachContractTest {

    private final String url = TestDatabases.uniqueH2Url("ex");

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Test
    void aSynonymOfAnExcludedTableIsNotCached() throws SQLException {
        createTablesAndViews();
        run("create synonym ex_hidden_alias for ex_hidden");
        Connection reader = cached(EXCLUDED, "ex_hidden");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden_alias", "10", "update ex_hidden set v = 15",
                "15");
    }

    @Test
    void theTableOfAnExcludedSynonymIsNotCached() throws SQLException {
        createTablesAndViews();
        run("create synonym ex_hidden_alias for ex_hidden");
        Connection reader = cached(EXCLUDED, "ex_hidden_alias");
        assertReadSeesWritesElsewhere(reader, "select v from ex_hidden", "10", "update ex_hidden_alias set v = 16",
                "16");
    }
}
