package dev.cachedjdbc.conformance.clients;

import dev.cachedjdbc.driver.CacheStatistics;
import java.math.BigDecimal;
import java.util.List;

/**
 * The scenario's application, written once per client in that client's own idiom, on a HikariCP pool whose only
 * trace of the cache is the URL and the cache properties. Every method is one unit of work of the application, in
 * the form the client gives it by default; writes are committed or rolled back before the method returns.
 */
interface Library extends AutoCloseable {

    /** Creates the scenario's tables through the client (so the DDL passes through the URL under test). */
    void createTables();

    long addAuthor(String name);

    long addBook(long authorId, String title, BigDecimal price);

    void removeBook(long bookId);

    /** The author's books, ordered by title: a join read. */
    List<BookView> booksBy(String authorName);

    /** The book's price, or null when there is no such book: a read by primary key. */
    BigDecimal priceOf(long bookId);

    /**
     * Applies the revision in one transaction, runs {@code whileOpen} once its writes have reached the database,
     * reads the author's books inside the transaction, and commits.
     *
     * @return the author's books as the transaction saw them before it committed
     */
    List<BookView> commitRevision(Revision revision, Runnable whileOpen);

    /** Like {@link #commitRevision}, but rolls the transaction back at the end. */
    List<BookView> rollBackRevision(Revision revision, Runnable whileOpen);

    /** The counters of the cache behind this library's pool; only for a library on the caching URL. */
    CacheStatistics statistics();

    @Override
    void close();
}
