package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.runtime.CacheRuntime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes confined by equalities on any columns the database compares exactly leave cached reads of other values
 * current: reviews by the composite (item, user), pages by (namespace, title) with a text title. Writes that are less
 * certain (they assign a column, go by another column, use OR, compare a string with an integer column, or compare
 * text under a case-insensitive rule) make every read of the table stale, and each such read then sees the write.
 */
abstract class EqualityInvalidationContractTest {

    private static final String PAIR = "select rating from eq_review where i_id = ? and u_id = ?";
    private static final String ITEM = "select sum(rating) from eq_review where i_id = ?";
    private static final String RATE = "update eq_review set rating = ? where i_id = ? and u_id = ?";
    private static final String PAGE = "select page_touched from eq_page where page_namespace = ? and page_title = ?";
    private static final String TOUCH = "update eq_page set page_touched = ? where page_namespace = ? and page_title = ?";

    private CacheRuntime runtime;
    private Connection connection;

    abstract String plainUrl();

    abstract Properties credentials();

    /**
     * Creates eq_caseless(id int primary key, title …, note varchar(20)) whose title the database compares without
     * regard to case, with the row (1, 'main', 'old').
     */
    abstract void createCaselessTable(Statement statement) throws SQLException;

    @BeforeEach
    void open() throws SQLException {
        try (Connection plain = DriverManager.getConnection(plainUrl(), credentials());
                Statement statement = plain.createStatement()) {
            statement.execute("drop table if exists eq_review");
            statement.execute("drop table if exists eq_page");
            statement.execute("drop table if exists eq_caseless");
            statement.execute("create table eq_review (a_id int primary key, i_id int not null, u_id int not null,"
                    + " rating int, unique (i_id, u_id))");
            statement.execute("create table eq_page (page_id int primary key, page_namespace int not null,"
                    + " page_title varchar(255) not null, page_touched varchar(20), unique (page_namespace, page_title))");
            statement.execute("insert into eq_review values (1, 1, 1, 10), (2, 1, 2, 20), (3, 2, 1, 30), (4, 2, 2, 40)");
            statement.execute("insert into eq_page values (1, 0, 'Main', 'm0'), (2, 0, 'Help', 'h0'),"
                    + " (3, 1, 'Main', 't0')");
            createCaselessTable(statement);
        }
        runtime = new CacheRuntime(Ticker.systemTicker());
        connection = connect();
    }

    /** Another connection through the driver to the same cache. */
    Connection cachedConnection() throws SQLException {
        return connect();
    }

    private Connection connect() throws SQLException {
        Properties properties = credentials();
        properties.setProperty("cache.coherence", "local");
        return runtime.connect("jdbc:cached:" + plainUrl().substring("jdbc:".length()), properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        runtime.close();
    }

    private long hits() throws SQLException {
        return connection.unwrap(CacheControl.class).statistics().hits();
    }

    private static String single(Connection on, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = on.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private String single(String sql, Object... parameters) throws SQLException {
        return single(connection, sql, parameters);
    }

    private static int update(Connection on, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = on.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        return update(connection, sql, parameters);
    }

    /** Asserts that the read answers {@code expected} and whether it was a hit. */
    private void assertRead(String expected, boolean hit, String sql, Object... parameters) throws SQLException {
        long before = hits();
        assertThat(single(sql, parameters)).as(sql).isEqualTo(expected);
        assertThat(hits() - before).as("%s with %s a hit", sql, java.util.Arrays.toString(parameters))
                .isEqualTo(hit ? 1 : 0);
    }

    // ---- composite keys

    @Test
    void anUpdateOfOnePairLeavesReadsOfOtherPairsAndOtherItemsCachedAndReadsOfItsPairAndItemFresh()
            throws SQLException {
        single(PAIR, 1, 1);
        single(PAIR, 1, 2);
        single(PAIR, 2, 1);
        single(ITEM, 1);
        single(ITEM, 2);

        assertThat(update(RATE, 11, 1, 1)).isEqualTo(1);

        assertRead("20", true, PAIR, 1, 2);
        assertRead("30", true, PAIR, 2, 1);
        assertRead("70", true, ITEM, 2);
        assertRead("11", false, PAIR, 1, 1);
        assertRead("31", false, ITEM, 1);
    }

    @Test
    void anInsertOfAPairReachesReadsOfItsItemAndOfThatPairOnly() throws SQLException {
        assertThat(single(PAIR, 3, 1)).isNull();
        single(ITEM, 3);
        single(ITEM, 1);

        update("insert into eq_review (a_id, i_id, u_id, rating) values (?, ?, ?, ?)", 5, 3, 1, 50);

        assertRead("50", false, PAIR, 3, 1);
        assertRead("50", false, ITEM, 3);
        assertRead("30", true, ITEM, 1);
    }

    @Test
    void aWriteByTheTablesKeyReachesEveryReadByOtherColumns() throws SQLException {
        single(PAIR, 1, 1);
        single(PAIR, 2, 2);

        update("update eq_review set rating = ? where a_id = ?", 12, 1);

        assertRead("12", false, PAIR, 1, 1);
        assertRead("40", false, PAIR, 2, 2);
    }

    @Test
    void aWriteThatAssignsAColumnOfThePairIsConfinedOnlyByTheOtherColumn() throws SQLException {
        assertThat(single(PAIR, 1, 3)).isNull();
        single(PAIR, 2, 1);

        update("update eq_review set u_id = ? where i_id = ? and u_id = ?", 3, 1, 2);

        assertRead("20", false, PAIR, 1, 3);
        assertRead("30", true, PAIR, 2, 1);
    }

    @Test
    void pairsUnderOrReachEveryRead() throws SQLException {
        single(PAIR, 1, 1);
        single(PAIR, 2, 2);

        update("update eq_review set rating = ? where (i_id = ? and u_id = ?) or (i_id = ? and u_id = ?)",
                13, 1, 1, 1, 2);

        assertRead("13", false, PAIR, 1, 1);
        assertRead("40", false, PAIR, 2, 2);
    }

    @Test
    void aStringComparedWithAnIntegerColumnIsNoValueOfItAndReachesEveryRead() throws SQLException {
        single(PAIR, 1, 1);
        single(PAIR, 2, 2);

        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("update eq_review set rating = 14 where i_id = '1' and u_id = '1'");
        }

        assertRead("14", false, PAIR, 1, 1);
        assertRead("40", false, PAIR, 2, 2);
    }

    @Test
    void aCastValueConfinesNothingButTheOtherColumnsOfTheReadStill() throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("select rating from eq_review where i_id = ?"
                + " and u_id = cast(? as int)")) {
            read.setInt(1, 2);
            read.setString(2, "2");
            try (ResultSet rows = read.executeQuery()) {
                rows.next();
            }
        }
        update(RATE, 15, 1, 1);

        long before = hits();
        try (PreparedStatement read = connection.prepareStatement("select rating from eq_review where i_id = ?"
                + " and u_id = cast(? as int)")) {
            read.setInt(1, 2);
            read.setString(2, "2");
            try (ResultSet rows = read.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(40);
            }
        }
        assertThat(hits() - before).as("confined by i_id = 2 alone, which the write of item 1 leaves").isEqualTo(1);
    }

    @Test
    void aLongInListOfKeysStaysCachedWhenAKeyOutsideItIsWritten() throws SQLException {
        StringBuilder list = new StringBuilder();
        for (int key = 100; key < 120; key++) {
            list.append(key == 100 ? "" : ", ").append(key);
        }
        String many = "select count(*) from eq_review where a_id in (" + list + ", 2)";
        single(many);

        update("update eq_review set rating = ? where a_id = ?", 16, 1);
        assertRead("1", true, many);

        update("update eq_review set rating = ? where a_id = ?", 16, 2);
        assertRead("1", false, many);
    }

    // ---- text keys

    @Test
    void anUpdateOfOneTitleLeavesReadsOfOtherTitlesCachedAndItsOwnFresh() throws SQLException {
        single(PAGE, 0, "Main");
        single(PAGE, 0, "Help");
        single(PAGE, 1, "Main");
        String literal = "select page_touched from eq_page where page_namespace = 0 and page_title = 'Help'";
        single(literal);

        assertThat(update(TOUCH, "m1", 0, "Main")).isEqualTo(1);

        assertRead("h0", true, PAGE, 0, "Help");
        assertRead("t0", true, PAGE, 1, "Main");
        assertRead("h0", true, literal);
        assertRead("m1", false, PAGE, 0, "Main");
    }

    @Test
    void anUpdateThatRenamesATitleReachesReadsOfEveryTitleOfItsNamespace() throws SQLException {
        assertThat(single(PAGE, 0, "Renamed")).isNull();
        single(PAGE, 1, "Main");

        update("update eq_page set page_title = ? where page_namespace = ? and page_title = ?", "Renamed", 0, "Main");

        assertRead("m0", false, PAGE, 0, "Renamed");
        assertRead("t0", true, PAGE, 1, "Main");
    }

    @Test
    void titlesThatDifferInCaseAreDifferentRows() throws SQLException {
        assertThat(single(PAGE, 0, "main")).isNull();

        update(TOUCH, "m2", 0, "Main");

        assertRead(null, true, PAGE, 0, "main");
        assertRead("m2", false, PAGE, 0, "Main");
    }

    @Test
    void aTitleComparedWithoutRegardToCaseReachesEveryReadOfItsTable() throws SQLException {
        String note = "select note from eq_caseless where title = ?";
        assertThat(single(note, "main")).isEqualTo("old");

        update("update eq_caseless set note = ? where title = ?", "new", "MAIN");

        assertRead("new", false, note, "main");
    }

    // ---- writes still open

    @Test
    void anOpenTransactionWritingAPairKeepsOthersFromFillingThatPairOnly() throws SQLException {
        Connection writer = connect();
        try {
            writer.setAutoCommit(false);
            update(writer, RATE, 17, 1, 1);

            assertRead("10", false, PAIR, 1, 1);
            assertRead("10", false, PAIR, 1, 1);
            assertRead("20", false, PAIR, 1, 2);
            assertRead("20", true, PAIR, 1, 2);
            assertRead("70", false, ITEM, 2);
            assertRead("70", true, ITEM, 2);

            writer.commit();

            assertRead("17", false, PAIR, 1, 1);
            assertRead("20", true, PAIR, 1, 2);
        } finally {
            writer.close();
        }
    }

    @Test
    void anOpenTransactionWritingATitleKeepsOthersFromFillingThatTitleOnly() throws SQLException {
        Connection writer = connect();
        try {
            writer.setAutoCommit(false);
            update(writer, TOUCH, "m3", 0, "Main");

            assertRead("m0", false, PAGE, 0, "Main");
            assertRead("m0", false, PAGE, 0, "Main");
            assertRead("h0", false, PAGE, 0, "Help");
            assertRead("h0", true, PAGE, 0, "Help");

            writer.commit();

            assertRead("m3", false, PAGE, 0, "Main");
            assertRead("h0", true, PAGE, 0, "Help");
        } finally {
            writer.close();
        }
    }
}
