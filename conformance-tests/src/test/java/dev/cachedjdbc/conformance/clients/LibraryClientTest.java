package dev.cachedjdbc.conformance.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.driver.CacheStatistics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenario every client runs, on H2 and on PostgreSQL: what the application reads through the caching URL is
 * what it reads through the plain URL; reads repeated outside writes are answered by the cache; a committed write
 * is seen by the next read of every connection, a rolled-back one by none.
 */
abstract class LibraryClientTest {

    static final String LE_GUIN = "Ursula K. Le Guin";
    static final String CALVINO = "Italo Calvino";

    /** A short lower-case name of the client; the names of what the tests create derive from it. */
    abstract String clientName();

    /** The client on a new pool over this URL of the database. */
    abstract Library open(ScenarioDatabase database, String url);

    final ScenarioDatabase createDatabase(TestedDatabase kind) {
        return kind.create("orm_" + clientName());
    }

    /** The ids of the rows every scenario starts from. */
    record Catalogue(long leGuin, long calvino, long dispossessed, long lathe, long cities) {
    }

    static Catalogue catalogue(Library library) {
        library.createTables();
        long leGuin = library.addAuthor(LE_GUIN);
        long calvino = library.addAuthor(CALVINO);
        long dispossessed = library.addBook(leGuin, "The Dispossessed", money("9.50"));
        long lathe = library.addBook(leGuin, "The Lathe of Heaven", money("8.00"));
        long cities = library.addBook(calvino, "Invisible Cities", money("11.25"));
        return new Catalogue(leGuin, calvino, dispossessed, lathe, cities);
    }

    /** Everything the application reads in the scenario, in order. */
    static List<Object> runScenario(Library library) {
        Catalogue catalogue = catalogue(library);
        List<Object> seen = new ArrayList<>();
        seen.add(library.booksBy(LE_GUIN));
        seen.add(library.booksBy(LE_GUIN));
        seen.add(library.priceOf(catalogue.dispossessed()));
        seen.add(library.priceOf(catalogue.dispossessed()));

        seen.add(library.commitRevision(new Revision(catalogue.dispossessed(), money("10.75"), catalogue.leGuin(),
                "Always Coming Home", money("12.00")), () -> { }));
        seen.add(library.booksBy(LE_GUIN));
        seen.add(library.priceOf(catalogue.dispossessed()));

        seen.add(library.rollBackRevision(new Revision(catalogue.lathe(), money("1.00"), catalogue.leGuin(),
                "The Unwritten Book", money("0.50")), () -> { }));
        seen.add(library.booksBy(LE_GUIN));
        seen.add(library.priceOf(catalogue.lathe()));

        library.removeBook(catalogue.lathe());
        seen.add(library.booksBy(LE_GUIN));
        seen.add(library.priceOf(catalogue.lathe()));
        seen.add(library.booksBy(CALVINO));
        seen.add(library.booksBy(CALVINO));
        seen.add(library.booksBy("Nobody"));
        return seen;
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void theScenarioReadsTheSameThroughTheCachingUrlAsThroughThePlainUrl(TestedDatabase kind) {
        List<Object> plain;
        try (ScenarioDatabase database = createDatabase(kind);
             Library library = open(database, database.plainUrl())) {
            plain = runScenario(library);
        }
        List<Object> cached;
        CacheStatistics after;
        try (ScenarioDatabase database = createDatabase(kind);
             Library library = open(database, database.cachedUrl())) {
            cached = runScenario(library);
            after = library.statistics();
        }
        assertThat(cached).isEqualTo(plain);
        assertThat(plain).contains(List.of(new BookView("Invisible Cities", money("11.25"))));
        assertThat(after.hits()).as("cache hits in the cached run").isPositive();
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void readsRepeatedOutsideWritesAreAnsweredByTheCache(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             Library library = open(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(library);
            List<BookView> books = library.booksBy(LE_GUIN);
            BigDecimal price = library.priceOf(catalogue.cities());

            assertThat(answeredByTheCache(library, () -> library.booksBy(LE_GUIN))).isEqualTo(books);
            assertThat(answeredByTheCache(library, () -> library.priceOf(catalogue.cities()))).isEqualTo(price);
            assertThat(books).extracting(BookView::title).containsExactly("The Dispossessed", "The Lathe of Heaven");
            assertThat(price).isEqualTo(money("11.25"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aCommittedRevisionIsSeenByTheNextReadOfEveryConnection(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             Library writer = open(database, database.cachedUrl());
             Library reader = open(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(writer);
            List<BookView> before = warm(reader, () -> reader.booksBy(LE_GUIN));
            BigDecimal priceBefore = warm(reader, () -> reader.priceOf(catalogue.dispossessed()));
            warm(writer, () -> writer.booksBy(LE_GUIN));

            List<Object> seenWhileOpen = new ArrayList<>();
            List<BookView> seenInside = writer.commitRevision(new Revision(catalogue.dispossessed(), money("10.75"),
                    catalogue.leGuin(), "Always Coming Home", money("12.00")), () -> {
                        seenWhileOpen.add(reader.booksBy(LE_GUIN));
                        seenWhileOpen.add(reader.priceOf(catalogue.dispossessed()));
                    });

            List<BookView> revised = List.of(new BookView("Always Coming Home", money("12.00")),
                    new BookView("The Dispossessed", money("10.75")),
                    new BookView("The Lathe of Heaven", money("8.00")));
            assertThat(seenInside).as("the transaction reads its own writes").isEqualTo(revised);
            assertThat(seenWhileOpen).as("other connections see no uncommitted write").containsExactly(before, priceBefore);
            assertThat(reader.booksBy(LE_GUIN)).isEqualTo(revised);
            assertThat(reader.priceOf(catalogue.dispossessed())).isEqualTo(money("10.75"));
            assertThat(writer.booksBy(LE_GUIN)).isEqualTo(revised);
            assertThat(answeredByTheCache(reader, () -> reader.booksBy(LE_GUIN))).isEqualTo(revised);
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aRolledBackRevisionIsNeverSeen(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             Library writer = open(database, database.cachedUrl());
             Library reader = open(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(writer);
            List<BookView> before = warm(reader, () -> reader.booksBy(LE_GUIN));
            BigDecimal priceBefore = warm(reader, () -> reader.priceOf(catalogue.lathe()));

            List<Object> seenWhileOpen = new ArrayList<>();
            List<BookView> seenInside = writer.rollBackRevision(new Revision(catalogue.lathe(), money("1.00"),
                    catalogue.leGuin(), "The Unwritten Book", money("0.50")), () -> {
                        seenWhileOpen.add(reader.booksBy(LE_GUIN));
                        seenWhileOpen.add(reader.priceOf(catalogue.lathe()));
                    });

            assertThat(seenInside).as("the transaction reads its own writes").containsExactly(
                    new BookView("The Dispossessed", money("9.50")), new BookView("The Lathe of Heaven", money("1.00")),
                    new BookView("The Unwritten Book", money("0.50")));
            assertThat(seenWhileOpen).containsExactly(before, priceBefore);
            assertThat(reader.booksBy(LE_GUIN)).isEqualTo(before);
            assertThat(reader.priceOf(catalogue.lathe())).isEqualTo(money("8.00"));
            assertThat(writer.booksBy(LE_GUIN)).isEqualTo(before);
            assertThat(writer.priceOf(catalogue.lathe())).isEqualTo(money("8.00"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void addedAndRemovedBooksAreSeenByTheNextReadOfEveryConnection(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             Library writer = open(database, database.cachedUrl());
             Library reader = open(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(writer);
            warm(reader, () -> reader.booksBy(CALVINO));
            warm(reader, () -> reader.priceOf(catalogue.cities()));

            long baron = writer.addBook(catalogue.calvino(), "The Baron in the Trees", money("7.20"));
            assertThat(reader.booksBy(CALVINO)).containsExactly(new BookView("Invisible Cities", money("11.25")),
                    new BookView("The Baron in the Trees", money("7.20")));
            assertThat(reader.priceOf(baron)).isEqualTo(money("7.20"));

            writer.removeBook(catalogue.cities());
            assertThat(reader.booksBy(CALVINO)).containsExactly(new BookView("The Baron in the Trees", money("7.20")));
            assertThat(reader.priceOf(catalogue.cities())).isNull();
        }
    }

    /** Reads twice and checks that the second read came from the cache, so that a later stale answer would show. */
    static <T> T warm(Library library, Supplier<T> read) {
        T first = read.get();
        assertThat(answeredByTheCache(library, read)).isEqualTo(first);
        return first;
    }

    /** Runs the read and checks that the cache answered it without going to the database. */
    static <T> T answeredByTheCache(Library library, Supplier<T> read) {
        CacheStatistics before = library.statistics();
        T result = read.get();
        CacheStatistics after = library.statistics();
        assertThat(after.hits()).as("hits (before %s, after %s)", before, after).isGreaterThan(before.hits());
        assertThat(after.misses()).as("misses (before %s, after %s)", before, after).isEqualTo(before.misses());
        assertThat(after.loads()).as("loads (before %s, after %s)", before, after).isEqualTo(before.loads());
        return result;
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
