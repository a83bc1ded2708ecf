package dev.cachedjdbc.benchmarks;

import dev.cachedjdbc.driver.CacheControl;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Brings a query of {@link ItemsTable} to the state {@code cache.admission} gives a statement whose results are
 * invalidated before anyone reads them: passed through without capture. Its results are made stale before every
 * execution, as the miss benchmarks do, until {@link CacheControl#explain} says it is no longer cached.
 */
final class BypassedStatement {

    private static final int MOST_EXECUTIONS = 10_000;

    private BypassedStatement() {
    }

    static void learn(Connection cached, String sql, int rows, KeyCycle keys) throws SQLException {
        CacheControl control = cached.unwrap(CacheControl.class);
        for (int execution = 0; execution < MOST_EXECUTIONS; execution++) {
            if (control.explain(sql).contains("not cached now")) {
                return;
            }
            control.invalidateTable(ItemsTable.TABLE);
            ItemsTable.load(cached, sql, rows, keys.next());
        }
        throw new IllegalStateException("admission did not pass " + sql + " through after " + MOST_EXECUTIONS
                + " executions whose results were never read: " + control.explain(sql));
    }
}
