package dev.cachedjdbc.vendor.generic;

import dev.cachedjdbc.schema.CatalogFacts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What can be known of a database without dialect-specific catalog queries: almost nothing. Triggers are invisible,
 * so every write must be assumed to reach any table; views are listed by the JDBC metadata but their definitions
 * are not, so none of them is cached.
 */
final class GenericCatalog {

    private static final String[] VIEW_TYPES = {"VIEW"};
    private static final int TABLE_NAME = 3;

    private GenericCatalog() {
    }

    static void read(Connection connection, CatalogFacts facts) throws SQLException {
        facts.everyWriteReachesUnknownTables();
        try (ResultSet views = connection.getMetaData().getTables(null, null, "%", VIEW_TYPES)) {
            while (views.next()) {
                String view = views.getString(TABLE_NAME);
                facts.plainView(view);
                facts.uncacheableView(view);
            }
        }
    }
}
