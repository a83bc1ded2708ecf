package dev.cachedjdbc.conformance.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachedjdbc.testing.CountingDriver;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scenario on Hibernate ORM, plus what only an ORM does: paging, inheritance, versions, batches, collections. */
class HibernateClientTest extends LibraryClientTest {

    private static final String SHELF_AUTHOR = "Jorge Luis Borges";
    private static final int SHELF_SIZE = 25;

    @Override
    String clientName() {
        return "hibernate";
    }

    @Override
    Library open(ScenarioDatabase database, String url) {
        return new HibernateLibrary(database, url);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Pagination with the Criteria API

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void pagesOfACriteriaQueryReadTheSameThroughTheCachingUrlAndRepeatFromTheCache(TestedDatabase kind) {
        List<List<BookView>> plain;
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.plainUrl())) {
            plain = pagingScenario(library);
        }
        List<List<BookView>> cached;
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.cachedUrl())) {
            cached = pagingScenario(library);
            assertThat(answeredByTheCache(library, () -> page(library, 10, 10))).isEqualTo(cached.get(cached.size() - 2));
        }
        assertThat(cached).isEqualTo(plain);
        assertThat(plain.get(1)).hasSize(10).first().isEqualTo(new BookView("Volume 11", money("16.00")));
    }

    /** Reads the three pages, reads them again, moves one book off the filtered list, and reads them once more. */
    private static List<List<BookView>> pagingScenario(HibernateLibrary library) {
        library.createTables();
        long author = library.addAuthor(SHELF_AUTHOR);
        library.runInTransaction(entities -> {
            Author reference = entities.getReference(Author.class, author);
            for (int volume = 1; volume <= SHELF_SIZE; volume++) {
                entities.persist(new Book(reference, "Volume %02d".formatted(volume), BigDecimal.valueOf(5 + volume)
                        .setScale(2)));
            }
        });
        List<List<BookView>> pages = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int first = 0; first < SHELF_SIZE; first += 10) {
                pages.add(page(library, first, 10));
            }
        }
        library.runInTransaction(entities -> entities.createQuery("from Book b where b.title = 'Volume 05'", Book.class)
                .getSingleResult().setPrice(money("99.00")));
        for (int first = 0; first < SHELF_SIZE; first += 10) {
            pages.add(page(library, first, 10));
        }
        return pages;
    }

    /** A page of the shelf's books under 50, by title, as a Criteria query. */
    private static List<BookView> page(HibernateLibrary library, int first, int size) {
        return library.read(entities -> {
            CriteriaBuilder criteria = entities.getCriteriaBuilder();
            CriteriaQuery<Book> query = criteria.createQuery(Book.class);
            Root<Book> book = query.from(Book.class);
            query.select(book)
                    .where(criteria.equal(book.get("author").get("name"), SHELF_AUTHOR),
                            criteria.lessThan(book.get("price"), money("50.00")))
                    .orderBy(criteria.asc(book.get("title")));
            return entities.createQuery(query).setFirstResult(first).setMaxResults(size).getResultStream()
                    .map(Book::view).toList();
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Inheritance and the one-to-many collection

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void subclassAndPolymorphicQueriesSeeNewRowsOfEitherKind(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(library);
            long ebook = library.inTransaction(entities -> {
                Ebook created = new Ebook(entities.getReference(Author.class, catalogue.leGuin()), "The Telling",
                        money("6.99"), "epub");
                entities.persist(created);
                return created;
            }).getId();
            assertThat(warm(library, () -> ebookTitles(library))).containsExactly("The Telling");
            assertThat(warm(library, () -> library.booksBy(LE_GUIN))).hasSize(3);
            String loaded = warm(library, () -> library.read(entities -> {
                Book book = entities.find(Book.class, ebook);
                return book.getClass().getSimpleName() + ": " + book.getTitle();
            }));
            assertThat(loaded).isEqualTo("Ebook: The Telling");

            library.runInTransaction(entities -> entities.persist(new Ebook(
                    entities.getReference(Author.class, catalogue.leGuin()), "Lavinia", money("7.99"), "pdf")));
            assertThat(ebookTitles(library)).containsExactly("Lavinia", "The Telling");
            assertThat(library.booksBy(LE_GUIN)).extracting(BookView::title)
                    .containsExactly("Lavinia", "The Dispossessed", "The Lathe of Heaven", "The Telling");

            library.addBook(catalogue.leGuin(), "Tehanu", money("8.50"));
            assertThat(ebookTitles(library)).containsExactly("Lavinia", "The Telling");
            assertThat(library.booksBy(LE_GUIN)).extracting(BookView::title).contains("Tehanu").hasSize(5);
            String format = library.read(entities -> entities.find(Ebook.class, ebook).getFileFormat());
            assertThat(format).isEqualTo("epub");
        }
    }

    private static List<String> ebookTitles(HibernateLibrary library) {
        return library.read(entities -> entities.createQuery("select e.title from Ebook e order by e.title",
                String.class).getResultList());
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void theBooksCollectionOfAnAuthorIsServedFromTheCacheUntilABookIsAdded(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(library);
            List<String> titles = warm(library, () -> collectionTitles(library, catalogue.leGuin()));
            assertThat(titles).containsExactly("The Dispossessed", "The Lathe of Heaven");

            library.addBook(catalogue.leGuin(), "The Left Hand of Darkness", money("9.90"));
            assertThat(collectionTitles(library, catalogue.leGuin()))
                    .containsExactly("The Dispossessed", "The Lathe of Heaven", "The Left Hand of Darkness");
        }
    }

    private static List<String> collectionTitles(HibernateLibrary library, long authorId) {
        return library.read(entities -> entities.find(Author.class, authorId).getBooks().stream()
                .map(Book::getTitle).toList());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Optimistic locking

    /** What the application sees of two edits of one book: the failure of the later one, and the stored row. */
    record EditOutcome(String laterEditFailure, BigDecimal price, int version, int versionReadAfterCommit) {
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aConflictingUpdateRaisesOptimisticLockExceptionAsWithoutTheCache(TestedDatabase kind) {
        EditOutcome plain;
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.plainUrl())) {
            plain = concurrentEdits(library);
        }
        EditOutcome cached;
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.cachedUrl())) {
            cached = concurrentEdits(library);
        }
        assertThat(cached).isEqualTo(plain);
        assertThat(cached.laterEditFailure()).isEqualTo(OptimisticLockException.class.getName());
    }

    /**
     * Two persistence contexts load one book, the first commits a new price, the second then flushes its own: it
     * must fail on the version. A third context that loads the book after the commit gets the new version and edits
     * without conflict, even though the old row was cached before.
     */
    private static EditOutcome concurrentEdits(HibernateLibrary library) {
        Catalogue catalogue = catalogue(library);
        long bookId = catalogue.cities();
        library.priceOf(bookId);
        library.priceOf(bookId);
        String failure;
        try (EntityManager first = library.entityManager(); EntityManager second = library.entityManager()) {
            first.getTransaction().begin();
            second.getTransaction().begin();
            Book firstCopy = first.find(Book.class, bookId);
            Book secondCopy = second.find(Book.class, bookId);
            firstCopy.setPrice(money("12.00"));
            first.getTransaction().commit();
            secondCopy.setPrice(money("13.00"));
            try {
                second.flush();
                failure = "none";
            } catch (RuntimeException e) {
                failure = e.getClass().getName();
            }
            second.getTransaction().rollback();
        }
        int versionReadAfterCommit = library.inTransaction(entities -> {
            Book fresh = entities.find(Book.class, bookId);
            fresh.setPrice(fresh.getPrice().add(money("0.50")));
            return fresh.getVersion();
        });
        Book stored = library.read(entities -> entities.find(Book.class, bookId));
        return new EditOutcome(failure, stored.getPrice(), stored.getVersion(), versionReadAfterCommit);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aStaleVersionIsRejectedEvenWhenTheCacheHeldTheOldRow(TestedDatabase kind) {
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.cachedUrl())) {
            Catalogue catalogue = catalogue(library);
            long bookId = catalogue.lathe();
            warm(library, () -> library.priceOf(bookId));
            try (EntityManager stale = library.entityManager()) {
                Book staleCopy = stale.find(Book.class, bookId);
                library.runInTransaction(entities -> entities.find(Book.class, bookId).setPrice(money("8.80")));
                stale.getTransaction().begin();
                staleCopy.setPrice(money("1.00"));
                assertThatThrownBy(stale::flush).isInstanceOf(OptimisticLockException.class);
                stale.getTransaction().rollback();
            }
            assertThat(library.priceOf(bookId)).isEqualTo(money("8.80"));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Batch inserts

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void batchedInsertsReachTheDatabaseInBatchesAndInvalidateTheCachedCount(TestedDatabase kind) {
        CountingDriver.register();
        List<String> statements = new CopyOnWriteArrayList<>();
        try (ScenarioDatabase database = createDatabase(kind);
             HibernateLibrary library = new HibernateLibrary(database, database.countedCachedUrl(), sql -> {
                 statements.add(sql);
                 return sql;
             })) {
            Catalogue catalogue = catalogue(library);
            long before = warm(library, () -> countBooks(library));
            CountingDriver.reset();
            int stories = 45;
            library.runInTransaction(entities -> {
                Author author = entities.getReference(Author.class, catalogue.calvino());
                for (int i = 1; i <= stories; i++) {
                    entities.persist(new Ebook(author, "Cosmicomic %02d".formatted(i), money("1.99"), "epub"));
                }
            });
            String insert = statements.stream()
                    .filter(sql -> sql.startsWith("insert into orm_book") && sql.contains("file_format"))
                    .findFirst().orElseThrow();
            int batches = (stories + HibernateLibrary.BATCH_SIZE - 1) / HibernateLibrary.BATCH_SIZE;
            assertThat(CountingDriver.executions(insert)).as("executions of " + insert).isEqualTo(batches);
            assertThat(countBooks(library)).isEqualTo(before + stories);
        } finally {
            CountingDriver.reset();
        }
    }

    private static long countBooks(HibernateLibrary library) {
        return library.read(entities -> entities.createQuery("select count(b) from Book b", Long.class)
                .getSingleResult());
    }
}
