package dev.cachedjdbc.coherence;

import static dev.cachedjdbc.coherence.FeedProbes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.runtime.CacheRuntime;
import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Autocommit writes waiting for the feed's thread go out as one announcement of everything they wrote, not one per
 * write: fewer notifications for the server to queue and for every listener to read, the same rows invalidated.
 * Needs the PostgreSQL server of {@link TestDatabases}.
 */
class AnnouncementBatchingPostgresTest {

    private static final String TABLE = "coh_batch_item";
    private static final int WRITES = 40;

    private CacheRuntime instance;

    @BeforeAll
    static void createTable() throws SQLException {
        TestDatabases.assumePostgres();
        try (Connection connection = TestDatabases.postgres(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (id int primary key, name text)");
            statement.execute("insert into " + TABLE + " select g, 'item' from generate_series(1, " + WRITES + ") g");
        }
    }

    @BeforeEach
    void startInstance() {
        instance = new CacheRuntime(Ticker.systemTicker());
    }

    @AfterEach
    void stopInstance() {
        instance.close();
    }

    @Test
    void aBurstOfAutocommitWritesIsAnnouncedInFewerMessagesNamingEveryRow() throws Exception {
        try (Connection writer = TransactionOpeningPostgresTest.open(instance);
             Connection probe = TestDatabases.postgres()) {
            waitFor(() -> !FeedProbes.suspended(writer), "the feed's first proof");
            try (Statement listen = probe.createStatement()) {
                listen.execute("LISTEN cached_jdbc");
            }
            try (Statement statement = writer.createStatement()) {
                for (int id = 1; id <= WRITES; id++) {
                    statement.executeUpdate("update " + TABLE + " set name = 'renamed' where id = " + id);
                }
            }

            List<WrittenTables> announced = new ArrayList<>();
            Set<Long> rowsAnnounced = new HashSet<>();
            waitFor(() -> {
                for (ChangeMessage message : FeedProbes.messagesHeard(probe)) {
                    // Only this test's writes: other instances on the server announce theirs on the same channel.
                    Set<Long> rows = rowsOfTable(message.written());
                    if (message.kind() == ChangeMessage.Kind.WRITTEN && !rows.isEmpty()) {
                        announced.add(message.written());
                        rowsAnnounced.addAll(rows);
                    }
                }
                return rowsAnnounced.size() == WRITES;
            }, "every written row announced");
            assertThat(announced).as("announcements of %d writes", WRITES).hasSizeLessThan(WRITES / 2);
        }
    }

    private static Set<Long> rowsOfTable(WrittenTables written) {
        for (Map.Entry<TableKey, Set<Long>> rows : written.rows().entrySet()) {
            if (rows.getKey().name().endsWith(TABLE)) {
                return rows.getValue();
            }
        }
        return Set.of();
    }
}
