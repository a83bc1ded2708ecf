package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.h2.api.Trigger;

/** Catalog changes made elsewhere on H2, by another connection to the same embedded database. */
class CatalogChangesElsewhereH2Test extends CatalogChangesElsewhereContractTest {

    private final String url = TestDatabases.uniqueH2Url("cw");

    /** Copies the id of every row inserted into its table into cw_copy. */
    public static final class CopyingTrigger implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("insert into cw_copy values (?)")) {
                insert.setObject(1, newRow[0]);
                insert.executeUpdate();
            }
        }
    }

    @Override
    String plainUrl() {
        return url;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    List<String> triggerCopyingInsertsIntoCopy(String table) {
        return List.of("create trigger " + table + "_copying after insert on " + table + " for each row call \""
                + CopyingTrigger.class.getName() + "\"");
    }

    @Override
    String createTemporaryTable(String name) {
        return "create local temporary table " + name + " (id int primary key)";
    }
}
