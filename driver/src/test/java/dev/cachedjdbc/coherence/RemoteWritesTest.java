package dev.cachedjdbc.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.TableVersions;
import dev.cachedjdbc.cache.VersionStamp;
import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.cache.WrittenTables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Another instance's transaction between its opening and its closing is held open here as a write of this instance's
 * own would be: no load fills what it wrote until the closing, or until the timeout when the closing never comes.
 */
class RemoteWritesTest {

    private static final TableKey ORDERS = TableKey.of("orders");
    private static final TableKey OTHER = TableKey.of("other");
    private static final WrittenTables WROTE_ORDERS = new WrittenTables(false, Set.of(ORDERS), Map.of());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SENDER = "instance-a";

    private final TableVersions versions = new TableVersions();
    private final StalenessGuard guard = new StalenessGuard(System::nanoTime, "test database");
    private final RemoteWrites remote = new RemoteWrites(new WholeTablesListener(versions), guard, TIMEOUT);
    private final long now = 1_000_000_000L;

    /** A listener that takes every write for whole tables, as the invalidator does without row keys. */
    private record WholeTablesListener(TableVersions versions) implements ChangeListener {

        @Override
        public void changed(WrittenTables written) {
            versions.invalidate(written.wholeTables());
        }

        @Override
        public WriteScope opened(WrittenTables written) {
            WriteScope scope = versions.openWriteScope();
            scope.add(written.wholeTables());
            return scope;
        }

        @Override
        public void logged(WrittenTables changed) {
            changed(changed);
        }

        @Override
        public void mayHaveMissedChanges() {
            versions.invalidateAll();
        }

        @Override
        public void serverReplaced() {
        }

        @Override
        public String rowKeyColumn(TableKey table) {
            return null;
        }
    }

    private boolean mayFill(TableKey table) {
        return versions.stampForFill(List.of(table)) != null;
    }

    @Test
    void anOpeningInvalidatesAndKeepsLoadsFromFillingUntilItsClosing() {
        VersionStamp before = versions.stampForFill(List.of(ORDERS));

        remote.opened(SENDER, 7, WROTE_ORDERS, now);

        assertThat(versions.isCurrent(before)).as("what was cached before the opening").isFalse();
        assertThat(mayFill(ORDERS)).as("a load while the write is open").isFalse();
        assertThat(mayFill(OTHER)).as("a load of a table it did not write").isTrue();

        remote.closed(SENDER, 7, WROTE_ORDERS);

        assertThat(mayFill(ORDERS)).as("a load after the closing").isTrue();
        assertThat(remote.openCount()).isZero();
    }

    @Test
    void anOpenWriteWhoseClosingNeverComesIsReleasedAtTheTimeoutAndCounted() {
        remote.opened(SENDER, 7, WROTE_ORDERS, now);

        remote.expire(now + TIMEOUT.toNanos() - 1);
        assertThat(mayFill(ORDERS)).as("just before the timeout").isFalse();
        assertThat(guard.remoteWritesExpired()).isZero();

        remote.expire(now + TIMEOUT.toNanos());
        assertThat(mayFill(ORDERS)).as("at the timeout").isTrue();
        assertThat(guard.remoteWritesExpired()).isEqualTo(1);
        assertThat(remote.openCount()).isZero();
    }

    @Test
    void writesOpenWhenTheFeedReconnectedStayOpenUntilTheirTimeout() {
        remote.opened(SENDER, 7, WROTE_ORDERS, now);

        remote.closingsMayHaveBeenMissed();
        assertThat(mayFill(ORDERS)).as("still open after the reconnection").isFalse();
        remote.expire(now + TIMEOUT.toNanos());

        assertThat(mayFill(ORDERS)).isTrue();
        assertThat(guard.remoteWritesExpired()).isEqualTo(1);
    }

    @Test
    void onlyTheWritesPastTheirTimeoutExpire() {
        remote.opened(SENDER, 1, WROTE_ORDERS, now);
        remote.opened(SENDER, 2, new WrittenTables(false, Set.of(OTHER), Map.of()), now + TIMEOUT.toNanos() / 2);

        remote.expire(now + TIMEOUT.toNanos());

        assertThat(mayFill(ORDERS)).isTrue();
        assertThat(mayFill(OTHER)).isFalse();
        assertThat(remote.openCount()).isEqualTo(1);
    }

    @Test
    void aClosingOfAWriteNotOpenHereInvalidatesWhatItNames() {
        VersionStamp before = versions.stampForFill(List.of(ORDERS));

        remote.closed(SENDER, 7, WROTE_ORDERS);

        assertThat(versions.isCurrent(before)).isFalse();
        assertThat(mayFill(ORDERS)).isTrue();
    }

    @Test
    void aClosingThatNamesMoreThanItsOpeningInvalidatesTheRestToo() {
        remote.opened(SENDER, 7, WROTE_ORDERS, now);
        VersionStamp other = versions.stampForFill(List.of(OTHER));

        remote.closed(SENDER, 7, new WrittenTables(false, Set.of(ORDERS, OTHER), Map.of()));

        assertThat(versions.isCurrent(other)).isFalse();
        assertThat(mayFill(ORDERS)).isTrue();
    }

    @Test
    void writesAreKnownBySenderAndWriteId() {
        remote.opened(SENDER, 7, WROTE_ORDERS, now);
        remote.opened("instance-b", 7, WROTE_ORDERS, now);

        remote.closed(SENDER, 7, WROTE_ORDERS);
        assertThat(mayFill(ORDERS)).as("the other instance's write of the same id is still open").isFalse();

        remote.closed("instance-b", 7, WROTE_ORDERS);
        assertThat(mayFill(ORDERS)).isTrue();
    }

    @Test
    void aTransactionOpenedTwiceIsReleasedByItsOneClosing() {
        remote.opened(SENDER, 7, WROTE_ORDERS, now);
        remote.opened(SENDER, 7, new WrittenTables(false, Set.of(ORDERS, OTHER), Map.of()), now);

        remote.closed(SENDER, 7, WROTE_ORDERS);

        assertThat(mayFill(ORDERS)).isTrue();
        assertThat(mayFill(OTHER)).isTrue();
    }

    @Test
    void stoppingReleasesEveryOpenWrite() {
        remote.opened(SENDER, 7, WROTE_ORDERS, now);

        remote.releaseAll();

        assertThat(mayFill(ORDERS)).isTrue();
        assertThat(remote.openCount()).isZero();
    }
}
