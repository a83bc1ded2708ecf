package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Thousands of generated statements ({@link HostileStatements}) run directly and then twice through the caching
 * driver against the same data: every run must end the same way — the same labels, column types and rows, or a
 * failure with the same SQLState. After every write, and at the end, a few known queries read through the cache must
 * return what the database holds: nothing the hostile input did may leave a stale or foreign entry behind.
 *
 * <p>{@code -Dcachedjdbc.hostile.count=N} sets the number of statements per database (default 1000),
 * {@code -Dcachedjdbc.hostile.seed=S} the seed (default fixed, so a failure repeats).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputParityContract {

    private static final int COUNT = Integer.getInteger("cachedjdbc.hostile.count", 1000);
    private static final long SEED = Long.getLong("cachedjdbc.hostile.seed", 20261128L);
    private static final int REPORTED_MISMATCHES = 15;

    /** Reads whose answers every write may change; they are read through the cache before and after each write. */
    private static final List<String> KNOWN_QUERIES = List.of(
            "select id, name, country from " + HostileStatements.CUSTOMER + " order by id",
            "select count(*), sum(amount) from " + HostileStatements.ORDER,
            "select id, note, amount from " + HostileStatements.ORDER + " order by id",
            "select c.country, count(*) from " + HostileStatements.CUSTOMER + " c join " + HostileStatements.ORDER
                    + " o on o.customer_id = c.id group by c.country order by 1");

    Databases databases;

    abstract Databases connectDatabases();

    @BeforeAll
    void createTables() throws SQLException {
        databases = connectDatabases();
        dropTables();
        List<String> setup = new ArrayList<>(List.of(
                "create table " + HostileStatements.CUSTOMER + " (id int primary key, name varchar(40), country varchar(10))",
                "create table " + HostileStatements.ORDER + " (id int primary key, customer_id int, amount numeric(10, 2),"
                        + " note varchar(60))"));
        Random random = new Random(7);
        String[] names = {"Ann", "O'Brien", "Zoë", "李", "😀", "", "Nul", "a b", "--x", "/*y*/"};
        for (int id = 1; id <= 20; id++) {
            setup.add("insert into " + HostileStatements.CUSTOMER + " values (" + id + ", '"
                    + names[id % names.length].replace("'", "''") + id + "', '" + (id % 3 == 0 ? "FR" : "DE") + "')");
        }
        for (int id = 1; id <= 60; id++) {
            setup.add("insert into " + HostileStatements.ORDER + " values (" + id + ", " + (1 + random.nextInt(20)) + ", "
                    + random.nextInt(1000) + ".50, " + (id % 7 == 0 ? "null" : "'note " + id + "'") + ")");
        }
        databases.run(setup.toArray(String[]::new));
    }

    @AfterAll
    void dropTables() throws SQLException {
        if (databases != null) {
            databases.run("drop table if exists " + HostileStatements.ORDER, "drop table if exists "
                    + HostileStatements.CUSTOMER);
        }
    }

    @Test
    void everyGeneratedStatementEndsAsItDoesDirectlyAndLeavesNoStaleEntry() throws SQLException {
        List<GeneratedStatement> statements = new HostileStatements(SEED, databases.isPostgres()).generate(COUNT);
        List<String> mismatches = new ArrayList<>();
        int failures = 0;
        long hits;
        try (Connection direct = databases.direct(); Connection cached = databases.cached()) {
            CacheControl cache = cached.unwrap(CacheControl.class);
            long hitsBefore = cache.statistics().hits();
            assertKnownQueriesCurrent(direct, cached, "before the first statement", mismatches);
            for (int i = 0; i < statements.size(); i++) {
                GeneratedStatement statement = statements.get(i);
                String expected = outcome(direct, statement);
                String loading = outcome(cached, statement);
                String again = statement.writes() ? loading : outcome(cached, statement);
                failures += expected.startsWith("SQLException") ? 1 : 0;
                if (!expected.equals(loading) || !expected.equals(again)) {
                    mismatches.add("#" + i + " " + statement + "\n    directly:           " + abbreviate(expected)
                            + "\n    through the cache:  " + abbreviate(loading) + "\n    again:              "
                            + abbreviate(again));
                }
                if (statement.writes() || i % 100 == 99) {
                    assertKnownQueriesCurrent(direct, cached, "after #" + i + " " + statement, mismatches);
                }
            }
            assertKnownQueriesCurrent(direct, cached, "after the last statement", mismatches);
            hits = cache.statistics().hits() - hitsBefore;
            System.out.printf("%d generated statements (seed %d): %d refused by the database, %d cache hits; %s%n",
                    statements.size(), SEED, failures, hits, cache.statistics());
        }
        assertThat(mismatches.subList(0, Math.min(mismatches.size(), REPORTED_MISMATCHES)))
                .as(mismatches.size() + " of " + statements.size() + " statements (seed " + SEED
                        + ") ended differently through the cache")
                .isEmpty();
        assertThat(hits).as("reads answered from the cache").isGreaterThan(statements.size() / 4);
        // The input must have been hostile enough to fail often, and tame enough to succeed often.
        assertThat(failures).as("statements the database refused").isBetween(statements.size() / 10,
                statements.size() * 9 / 10);
    }

    /** The known queries through the cache (twice, so that the second may be a hit) agree with the database. */
    private void assertKnownQueriesCurrent(Connection direct, Connection cached, String when, List<String> mismatches) {
        for (String sql : KNOWN_QUERIES) {
            GeneratedStatement known = GeneratedStatement.read("known query", sql);
            String expected = outcome(direct, known);
            String first = outcome(cached, known);
            String second = outcome(cached, known);
            if (!expected.equals(first) || !expected.equals(second)) {
                mismatches.add("stale or foreign entry " + when + ": " + sql + "\n    database: " + abbreviate(expected)
                        + "\n    cache:    " + abbreviate(first) + " / " + abbreviate(second));
            }
        }
    }

    /** How a statement ended: its result (labels, types and sorted rows) or update count, or its failure's SQLState. */
    private static String outcome(Connection connection, GeneratedStatement generated) {
        try {
            if (!generated.parameters().isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement(generated.sql())) {
                    statement.setQueryTimeout(30);
                    for (int i = 0; i < generated.parameters().size(); i++) {
                        statement.setObject(i + 1, generated.parameters().get(i));
                    }
                    return describe(statement, statement.execute());
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(30);
                if (!generated.writes() && generated.sql().hashCode() % 2 == 0) {
                    try (ResultSet rows = statement.executeQuery(generated.sql())) {
                        return "query " + describe(rows);
                    }
                }
                return describe(statement, statement.execute(generated.sql()));
            }
        } catch (SQLException e) {
            return "SQLException[" + e.getSQLState() + "]";
        } catch (RuntimeException | StackOverflowError e) {
            return "threw " + e;
        }
    }

    private static String describe(Statement statement, boolean isResult) throws SQLException {
        if (isResult) {
            try (ResultSet rows = statement.getResultSet()) {
                return "result " + describe(rows);
            }
        }
        return "update count " + statement.getUpdateCount();
    }

    private static String describe(ResultSet rows) throws SQLException {
        ResultSetMetaData metaData = rows.getMetaData();
        int columns = metaData.getColumnCount();
        StringBuilder header = new StringBuilder("[");
        for (int column = 1; column <= columns; column++) {
            header.append(column == 1 ? "" : ", ").append(metaData.getColumnLabel(column)).append(' ')
                    .append(metaData.getColumnTypeName(column));
        }
        List<String> lines = new ArrayList<>();
        while (rows.next()) {
            StringBuilder line = new StringBuilder();
            for (int column = 1; column <= columns; column++) {
                line.append(column == 1 ? "" : " | ").append(Outcomes.value(rows.getObject(column)));
            }
            lines.add(line.toString());
        }
        lines.sort(null); // statements without ORDER BY may return rows in any order
        return header + "] " + lines.size() + " rows " + lines;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
