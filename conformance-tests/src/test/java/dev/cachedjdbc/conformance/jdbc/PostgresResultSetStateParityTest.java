package dev.cachedjdbc.conformance.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@link ResultSetStateParityContract} on PostgreSQL. */
class PostgresResultSetStateParityTest extends ResultSetStateParityContract {

    @Override
    Databases connectDatabases() {
        return Databases.postgres();
    }

    /** to_tsquery of a stop word makes PostgreSQL send a NOTICE, which pgjdbc reports as a statement warning. */
    @Test
    void aNoticeOfTheServerIsReportedOnAHitAsOnTheLoadingRead() throws Exception {
        String sql = "select to_tsquery('english', 'the') as q, count(*) as n from " + TABLE;
        assertSameStepsOnAHit(sql, (connection, steps) -> {
            try (Statement statement = connection.createStatement()) {
                steps.record("rows", () -> ResultSetProbe.values(statement.executeQuery(sql)))
                        .record("statement warnings", () -> describe(statement.getWarnings()))
                        .record("the same statement again", () -> ResultSetProbe.values(statement.executeQuery(sql)))
                        .record("statement warnings again", () -> describe(statement.getWarnings()))
                        .record("after clearWarnings", () -> {
                            statement.clearWarnings();
                            return describe(statement.getWarnings());
                        });
            }
        });
    }

    private static String describe(SQLWarning chain) {
        StringBuilder text = new StringBuilder();
        for (SQLWarning warning = chain; warning != null; warning = warning.getNextWarning()) {
            text.append('[').append(warning.getSQLState()).append(' ').append(warning.getMessage()).append(']');
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    @Override
    String slowQuery() {
        return "select count(*) from " + TABLE + " where id > 0";
    }

    /**
     * Another session holds an ACCESS EXCLUSIVE lock on the table, so that a read waits for it without using the
     * machine; closing rolls that transaction back.
     */
    @Override
    AutoCloseable slowDown() throws SQLException {
        Connection holder = databases.direct();
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.execute("lock table " + TABLE + " in access exclusive mode");
        }
        return () -> {
            if (!holder.isClosed()) {
                holder.rollback();
                holder.close();
            }
        };
    }
}
