package dev.cachedjdbc.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.conformance.soak.FreshnessSoak;
import dev.cachedjdbc.conformance.soak.SoakDatabase;
import dev.cachedjdbc.conformance.soak.SoakOutcome;
import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL backends terminated by an operator ({@code pg_terminate_backend} from an admin connection) under
 * load and in the middle of a transaction: only the callers on the terminated connections fail, with what pgjdbc
 * throws for a terminated connection, and the cache never serves a stale or rolled-back value afterwards.
 */
class ConnectionKilledTest {

    private static final Duration UNDER_LOAD = Duration.ofSeconds(8);
    private static final Duration BETWEEN_KILLS = Duration.ofMillis(250);

    @Test
    void backendsKilledUnderLoadFailOnlyTheirOwnCallersAndNoReadIsStale() throws Exception {
        SoakOutcome outcome;
        try (BackendKiller killer = new BackendKiller(BETWEEN_KILLS)) {
            outcome = new FreshnessSoak(SoakDatabase.postgres(), "sk_fault_killed_load", false)
                    .disruptedBy(killer).run(UNDER_LOAD);
        }
        System.out.println(outcome.summary());
        SoakOutcome.Disrupted disrupted = outcome.disrupted();

        assertThat(disrupted.strikes()).as(outcome.summary()).isPositive();
        assertThat(disrupted.failureKinds()).as("callers saw failures: " + outcome.summary()).isNotEmpty();
        assertThat(disrupted.failuresOnConnectionsNotHit())
                .as("failures on connections nobody terminated, first: %s", disrupted.firstFailureNotHit())
                .isZero();
        // What pgjdbc itself throws for a terminated backend: the server's 57P01, or a broken connection (08xxx).
        assertThat(disrupted.failureKinds().keySet()).allSatisfy(kind -> assertThat(kind)
                .matches("org\\.postgresql\\.util\\.PSQLException SQLState (57P01|08...)"));
        assertThat(outcome.staleReads()).as(outcome.summary()).isZero();
        assertThat(outcome.rolledBackValuesRead()).as(outcome.summary()).isZero();
        assertThat(outcome.finalReadIsCurrent()).as(outcome.summary()).isTrue();
    }

    @Test
    void aTransactionKilledBeforeCommitFailsAsWithoutTheCacheAndItsWritesNeverShow() throws Exception {
        SoakDatabase postgres = SoakDatabase.postgres();
        try (FaultTable table = new FaultTable("sk_fault_killed_txn");
             PostgresAdmin admin = new PostgresAdmin();
             HikariDataSource plainPool = postgres.plainPool("sk_fault_plain", 2);
             HikariDataSource cachedPool = postgres.cachedPool("sk_fault_cached", 2)) {
            String query = "SELECT id, v FROM " + table.name() + " ORDER BY id";
            assertThat(rows(cachedPool, query)).isEqualTo("1|1");
            assertThat(rows(cachedPool, query)).as("cached before the transaction").isEqualTo("1|1");

            SQLException expected = commitAfterBackendKilled(plainPool, null, admin, table, query);
            SQLException actual = commitAfterBackendKilled(cachedPool, plainPool, admin, table, query);

            // SQLException is also an Iterable of its chain: assert on it as the Throwable it is.
            assertThat((Throwable) actual).as("the commit's failure through the cache").isNotNull()
                    .isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
            assertThat(actual.getSQLState()).isEqualTo(expected.getSQLState());
            assertThat(rows(cachedPool, query)).as("the killed transaction's write never shows").isEqualTo("1|1");
            table.assertCacheServesCurrentData(TestDatabases.cachedPostgresUrl(), query);
            assertCachingResumes(cachedPool, query);
        }
    }

    /**
     * Writes in a transaction, has its backend terminated, and returns what commit throws. With {@code observer}
     * given, the test checks meanwhile that other callers do not see the uncommitted write through the cache.
     */
    private static SQLException commitAfterBackendKilled(HikariDataSource pool, HikariDataSource observer,
            PostgresAdmin admin, FaultTable table, String query) throws Exception {
        try (Connection victim = pool.getConnection()) {
            int pid = PostgresAdmin.backendPid(victim);
            victim.setAutoCommit(false);
            try (Statement statement = victim.createStatement()) {
                statement.executeUpdate("UPDATE " + table.name() + " SET v = 100 WHERE id = 1");
                try (ResultSet own = statement.executeQuery(query)) {
                    own.next();
                    assertThat(own.getInt(2)).as("the transaction reads its own write").isEqualTo(100);
                }
            }
            if (observer != null) {
                assertThat(rows(pool, query)).as("read through the cache while the write is open").isEqualTo("1|1");
            }
            assertThat(admin.terminate(pid)).isTrue();
            admin.awaitGone(pid, Duration.ofSeconds(10));
            return catchThrowableOfType(SQLException.class, victim::commit);
        }
    }

    /** The failed transaction leaves nothing open behind it: identical reads are answered from the cache again. */
    private static void assertCachingResumes(HikariDataSource pool, String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Connection connection = pool.getConnection()) {
                CacheControl cache = connection.unwrap(CacheControl.class);
                rows(connection, query);
                long hits = cache.statistics().hits();
                rows(connection, query);
                if (cache.statistics().hits() > hits) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("reads are answered from the cache again").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String rows(HikariDataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return rows(connection, sql);
        }
    }

    private static String rows(Connection connection, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                text.append(text.isEmpty() ? "" : ";").append(rows.getInt(1)).append('|').append(rows.getInt(2));
            }
        }
        return text.toString();
    }
}
