package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.CountingDriver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cache.admission}: a statement whose results are invalidated before anyone reads them is passed through
 * without capture, says so in {@code explain} and is counted in the statistics; one whose results are read stays
 * cached; with admission off every result is stored as before. Whatever admission decides, every read returns what
 * the database holds. Each test has tables of its own, so that no other test's statements share its history.
 */
abstract class AdmissionContractTest extends OneDatabaseTest {

    private static final int LOOPS = 200;
    private static final String[] TABLES = {"adm_write_heavy", "adm_read_mostly", "adm_off", "adm_mixed", "adm_new"};

    @BeforeEach
    @AfterEach
    void dropTables() throws SQLException {
        closeConnections();
        for (String table : TABLES) {
            run("drop table if exists " + table);
        }
    }

    private void createTable(String table, int rows) throws SQLException {
        run("create table " + table + " (id int primary key, v int not null)");
        try (Connection connection = cached();
                PreparedStatement insert = connection.prepareStatement("insert into " + table + " values (?, 0)")) {
            for (int id = 1; id <= rows; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
            }
        }
    }

    private static String readById(String table) {
        return "select v from " + table + " where id = ?";
    }

    private static void update(Connection connection, String table, int id, int value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update " + table + " set v = ? where id = ?")) {
            update.setInt(1, value);
            update.setInt(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static int read(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(sql)) {
            read.setInt(1, id);
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getInt(1);
            }
        }
    }

    private static CacheStatistics statistics(Connection connection) throws SQLException {
        return connection.unwrap(CacheControl.class).statistics();
    }

    @Test
    void aReadOfARowUpdatedBeforeEveryReadIsPassedThroughSaysSoAndStaysCorrect() throws SQLException {
        createTable("adm_write_heavy", 1);
        String read = readById("adm_write_heavy");
        Connection connection = cached();
        CacheStatistics before = statistics(connection);
        CountingDriver.reset();

        for (int loop = 1; loop <= LOOPS; loop++) {
            update(connection, "adm_write_heavy", 1, loop);
            assertThat(read(connection, read, 1)).as("read %d", loop).isEqualTo(loop);
        }

        CacheStatistics after = statistics(connection);
        long bypasses = after.admissionBypasses() - before.admissionBypasses();
        assertThat(bypasses).as("after the first results died unread, all but the samples pass through")
                .isGreaterThan(LOOPS / 2);
        assertThat(after.loads() - before.loads()).as("every read ran on the database").isEqualTo(LOOPS);
        assertThat(after.loadsNeverReused() - before.loadsNeverReused())
                .as("the results stored (before the verdict and by samples) died unread, but perhaps the last")
                .isBetween(LOOPS - bypasses - 1, LOOPS - bypasses);
        assertThat(CountingDriver.executions(read)).isEqualTo(LOOPS);
        assertThat(explain(connection, read))
                .contains("not cached now (cache.admission): ")
                .contains("were invalidated, expired or evicted before anyone read them")
                .contains("is still cached to notice a change");
    }

    @Test
    void aReadMostlyLoopStaysCached() throws SQLException {
        createTable("adm_read_mostly", 10);
        String read = readById("adm_read_mostly");
        Connection connection = cached();
        Connection database = direct();
        CacheStatistics before = statistics(connection);

        for (int loop = 1; loop <= LOOPS * 5; loop++) {
            int id = 1 + loop % 10;
            if (loop % 50 == 0) {
                update(connection, "adm_read_mostly", id, loop);
            }
            assertThat(read(connection, read, id)).as("read %d", loop).isEqualTo(read(database, read, id));
        }

        CacheStatistics after = statistics(connection);
        assertThat(after.admissionBypasses() - before.admissionBypasses()).isZero();
        assertThat(after.hits() - before.hits()).isGreaterThan(after.loads() - before.loads());
        assertThat(explain(connection, read)).contains("; cached; ");
    }

    @Test
    void withAdmissionOffEveryResultIsStoredAsBefore() throws SQLException {
        createTable("adm_off", 1);
        String read = readById("adm_off");
        Connection connection = cached("cache.admission", "false");
        CacheStatistics before = statistics(connection);

        for (int loop = 1; loop <= LOOPS; loop++) {
            update(connection, "adm_off", 1, loop);
            assertThat(read(connection, read, 1)).as("read %d", loop).isEqualTo(loop);
        }

        CacheStatistics after = statistics(connection);
        assertThat(after.admissionBypasses()).isZero();
        assertThat(after.loads() - before.loads()).isEqualTo(LOOPS);
        assertThat(after.loadsNeverReused() - before.loadsNeverReused())
                .as("every result but the last was stored and died unread").isEqualTo(LOOPS - 1);
        assertThat(explain(connection, read)).contains("; cached; ");
    }

    /**
     * Phases of a write of the row before every read of it (the read is passed through), of reads with a write now
     * and then (a sample is read again, so the read is cached again), and so on, with the writes through another
     * connection of the same cache; every read is compared with the database's answer at that moment.
     */
    @Test
    void admissionNeverServesAStaleResult() throws SQLException {
        createTable("adm_mixed", 3);
        String read = readById("adm_mixed");
        Connection reader = cached();
        Connection writer = cached();
        Connection database = direct();
        Random random = new Random(13);
        int value = 0;
        boolean passedThrough = false;
        boolean readmitted = false;

        for (int phase = 0; phase < 4; phase++) {
            boolean writing = phase % 2 == 0;
            for (int step = 0; step < LOOPS; step++) {
                int id = 1 + random.nextInt(3);
                if (writing) {
                    update(writer, "adm_mixed", id, ++value);
                } else if (random.nextInt(20) == 0) {
                    update(writer, "adm_mixed", 1 + random.nextInt(3), ++value);
                }
                assertThat(read(reader, read, id)).as("phase %d, step %d", phase, step)
                        .isEqualTo(read(database, read, id));
                boolean cachedNow = explain(reader, read).contains("; cached; ");
                passedThrough |= !cachedNow;
                readmitted |= passedThrough && cachedNow;
            }
        }

        assertThat(passedThrough).as("the writing phases passed the read through").isTrue();
        assertThat(readmitted).as("a reading phase cached it again").isTrue();
        assertThat(statistics(reader).admissionBypasses()).isPositive();
    }

    @Test
    void ddlStartsEveryStatementAfresh() throws SQLException {
        createTable("adm_write_heavy", 1);
        String read = readById("adm_write_heavy");
        Connection connection = cached();
        for (int loop = 1; !explain(connection, read).contains("not cached now"); loop++) {
            assertThat(loop).as("loops before the read is passed through").isLessThan(LOOPS);
            update(connection, "adm_write_heavy", 1, loop);
            read(connection, read, 1);
        }

        run("create table adm_new (id int primary key)");

        assertThat(explain(connection, read)).contains("; cached; ");
        CacheStatistics before = statistics(connection);
        update(connection, "adm_write_heavy", 1, 0);
        assertThat(read(connection, read, 1)).isZero();
        assertThat(statistics(connection).admissionBypasses()).isEqualTo(before.admissionBypasses());
    }

    @Test
    void explainOfAStatementNeverRunSaysCached() throws SQLException {
        createTable("adm_read_mostly", 1);
        try (Connection connection = cached(); Statement ignored = connection.createStatement()) {
            assertThat(explain(connection, readById("adm_read_mostly"))).contains("; cached; ");
        }
    }
}
