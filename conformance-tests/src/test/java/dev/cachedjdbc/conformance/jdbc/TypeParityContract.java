package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every column type a database offers, read through every getter, by index and by label: a result served from the
 * cache answers exactly as the database's own driver does — the same values, Java classes, wasNull and failures —
 * and so does the first, loading read. One row holds ordinary values, one edge values, one NULL in every column.
 *
 * <p>Where the database's driver refuses a conversion (pgjdbc's getObject(i, Long.class) on an int4 column, say), the
 * cached result set is not held to refusing it: it converts as its conventions allow, the same way for every
 * database, and such calls are left out of the comparison. Metadata is compared call by call, failures included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TypeParityContract {

    static final String TABLE = "cj_parity_types";

    Databases databases;

    abstract Databases connectDatabases();

    /** CREATE TABLE cj_parity_types (id int primary key, …) and the inserts of rows 1 (ordinary), 2 (edges), 3 (NULLs). */
    abstract List<String> createStatements();

    /** The columns of the table other than id. */
    abstract List<String> columns();

    /**
     * Calls (regular expressions found in "row N column getter") where the cached result set is known to answer
     * differently from this database's driver, each with why; they are left out of the comparison and listed in the
     * README's statement of limits. Every other call the driver answers must be answered identically.
     */
    abstract Map<String, String> knownDivergences();

    /**
     * Columns whose results cannot be cached because the database driver itself fails to read one of their values
     * through getObject: such a result streams through from the database on every read, unchanged.
     */
    Set<String> columnsNeverCached() {
        return Set.of();
    }

    @BeforeEach
    void forgetExecutions() {
        CountingDriver.reset();
    }

    @BeforeAll
    void createTable() throws SQLException {
        databases = connectDatabases();
        databases.run("drop table if exists " + TABLE);
        databases.run(createStatements().toArray(String[]::new));
    }

    @AfterAll
    void dropTable() throws SQLException {
        if (databases != null) {
            databases.run("drop table if exists " + TABLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void everyGetterOnAHitAnswersAsTheDatabaseDriverDoes(String column) throws SQLException {
        String sql = "select id, " + column + " from " + TABLE + " order by id";
        List<String> direct;
        try (Connection connection = databases.direct(); Statement statement = connection.createStatement()) {
            direct = ResultSetProbe.everyGetter(statement.executeQuery(sql));
        }
        List<String> loading;
        List<String> hit;
        try (Connection connection = databases.cached(); Statement statement = connection.createStatement()) {
            loading = ResultSetProbe.everyGetter(statement.executeQuery(sql));
            hit = readAgainUntilServedFromTheCache(connection, sql, column,
                    () -> ResultSetProbe.everyGetter(statement.executeQuery(sql)));
        }
        assertThat(direct).contains("rows: 3");
        Differences.assertNoneWhereTheDriverAnswered("loading read", direct, loading, knownDivergences());
        Differences.assertNoneWhereTheDriverAnswered("cache hit", direct, hit, knownDivergences());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void everyGetterOnAPreparedHitAnswersAsTheDatabaseDriverDoes(String column) throws SQLException {
        String sql = "select " + column + ", id from " + TABLE + " where id >= ? order by id";
        List<String> direct;
        try (Connection connection = databases.direct(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, 1);
            direct = ResultSetProbe.everyGetter(statement.executeQuery());
        }
        List<String> hit;
        try (Connection connection = databases.cached(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, 1);
            ResultSetProbe.everyGetter(statement.executeQuery());
            hit = readAgainUntilServedFromTheCache(connection, sql, column,
                    () -> ResultSetProbe.everyGetter(statement.executeQuery()));
        }
        Differences.assertNoneWhereTheDriverAnswered("prepared cache hit", direct, hit, knownDivergences());
    }

    /** Tells the database driver that the JVM's zone changed, for drivers that remember it. */
    void jvmZoneChanged() {
    }

    /**
     * A result loaded before the JVM's zone changed is read afterwards, on connections opened before the change: every
     * getter of every date and time column answers as the database driver does then (pgjdbc makes java.sql values in
     * the JVM's zone of the moment, H2 in the zone its session took when it opened).
     */
    @Test
    void dateAndTimeGettersOfAHitAnswerAsTheDriversAfterTheJvmZoneChanged() throws SQLException {
        List<String> dateTimeColumns = columns().stream()
                .filter(column -> column.matches("c_(date|time|timetz|timestamp|timestamptz)")).toList();
        assertThat(dateTimeColumns).hasSize(5);
        String sql = "select id, " + String.join(", ", dateTimeColumns) + " from " + TABLE + " order by id";
        TimeZone original = TimeZone.getDefault();
        String otherZone = original.getID().equals("America/St_Johns") ? "Asia/Kathmandu" : "America/St_Johns";
        List<String> direct;
        List<String> hit;
        try (Connection plain = databases.direct(); Connection cached = databases.cached();
             Statement plainStatement = plain.createStatement(); Statement statement = cached.createStatement()) {
            ResultSetProbe.everyGetter(plainStatement.executeQuery(sql));
            ResultSetProbe.everyGetter(statement.executeQuery(sql));
            TimeZone.setDefault(TimeZone.getTimeZone(otherZone));
            jvmZoneChanged();
            direct = ResultSetProbe.everyGetter(plainStatement.executeQuery(sql));
            hit = readAgainUntilServedFromTheCache(cached, sql, "id",
                    () -> ResultSetProbe.everyGetter(statement.executeQuery(sql)));
        } finally {
            TimeZone.setDefault(original);
            jvmZoneChanged();
        }
        Differences.assertNoneWhereTheDriverAnswered("cache hit after the zone changed", direct, hit,
                knownDivergences());
    }

    @Test
    void metaDataOfAHitEqualsTheDriversBeforeAndAfterReadingTheRows() throws SQLException {
        List<String> cachedColumns = columns().stream().filter(column -> !columnsNeverCached().contains(column)).toList();
        String sql = "select id, " + String.join(", ", cachedColumns) + " from " + TABLE + " order by id";
        List<String> direct;
        try (Connection connection = databases.direct(); Statement statement = connection.createStatement()) {
            direct = readMetaDataAroundRows(statement.executeQuery(sql));
        }
        List<String> loading;
        List<String> hit;
        try (Connection connection = databases.cached(); Statement statement = connection.createStatement()) {
            loading = readMetaDataAroundRows(statement.executeQuery(sql));
            hit = readAgainUntilServedFromTheCache(connection, sql, "id",
                    () -> readMetaDataAroundRows(statement.executeQuery(sql)));
        }
        assertThat(direct).contains("columns: " + (cachedColumns.size() + 1));
        Differences.assertNone("loading read metadata", direct, loading);
        Differences.assertNone("cache hit metadata", direct, hit);
    }

    /** One read of a result, described. */
    @FunctionalInterface
    interface Read {
        List<String> read() throws SQLException;
    }

    /**
     * The read that should be a hit, after the loading read. The shared test database sees DDL from other suites at
     * any time, and a catalog read that fails under it leaves one load uncached (the driver's safe choice); so one
     * more read is allowed, which then must be served from the cache. A column whose results are never cached must
     * reach the database every time.
     */
    private List<String> readAgainUntilServedFromTheCache(Connection connection, String sql, String column, Read read)
            throws SQLException {
        List<String> second = read.read();
        int executions = CountingDriver.executions(sql);
        if (columnsNeverCached().contains(column)) {
            assertThat(executions).as("a result that cannot be cached runs every time").isEqualTo(2);
            return second;
        }
        if (executions == 1) {
            return second;
        }
        String why = connection.unwrap(CacheControl.class).explain(sql);
        System.out.println("the second read of " + sql + " reached the database (" + why + "); reading once more");
        List<String> third = read.read();
        assertThat(CountingDriver.executions(sql)).as("a later read is a hit; the driver says: " + why)
                .isEqualTo(executions);
        return third;
    }

    private static List<String> readMetaDataAroundRows(ResultSet resultSet) throws SQLException {
        try (resultSet) {
            List<String> lines = new java.util.ArrayList<>(ResultSetProbe.metaData(resultSet.getMetaData()));
            while (resultSet.next()) {
                lines.add("row " + resultSet.getRow());
            }
            lines.addAll(ResultSetProbe.metaData(resultSet.getMetaData()));
            return lines;
        }
    }
}
