package dev.cachedjdbc.conformance.clients;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The scenario's application on Hibernate ORM, bootstrapped in code with Hibernate's own HikariCP integration: the
 * pool takes the cache settings as {@code hibernate.hikari.dataSource.*} properties. The second-level cache and the
 * query cache are off, so every read of a new persistence context reaches JDBC.
 */
final class HibernateLibrary implements Library {

    static final int BATCH_SIZE = 20;

    private final EntityManagerFactory factory;

    HibernateLibrary(ScenarioDatabase database, String url) {
        this(database, url, sql -> sql);
    }

    HibernateLibrary(ScenarioDatabase database, String url, StatementInspector inspector) {
        this(database, url, inspector, true);
    }

    /**
     * @param poolAutoCommit false for the setup often recommended for Hibernate in production: the pool hands out
     *                       connections with autocommit off and Hibernate is told so, so that it never switches it
     */
    HibernateLibrary(ScenarioDatabase database, String url, StatementInspector inspector, boolean poolAutoCommit) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("library")
                .managedClasses(Author.class, Book.class, Ebook.class)
                .jdbcUrl(url)
                .jdbcCredentials(database.user(), database.password())
                .statementInspector(inspector)
                .property("hibernate.hikari.maximumPoolSize", "4")
                .property("hibernate.jdbc.batch_size", String.valueOf(BATCH_SIZE))
                .property("hibernate.order_inserts", "true")
                .property("hibernate.cache.use_second_level_cache", "false")
                .property("hibernate.cache.use_query_cache", "false");
        if (!poolAutoCommit) {
            configuration.property("hibernate.hikari.autoCommit", "false")
                    .property("hibernate.connection.provider_disables_autocommit", "true");
        }
        if (url.startsWith("jdbc:cached:")) {
            configuration.property("hibernate.hikari.dataSource.cache.ttl", Pools.CACHE_TTL)
                    .property("hibernate.hikari.dataSource.cache.ttlJitter", Pools.CACHE_TTL_JITTER);
        }
        this.factory = configuration.createEntityManagerFactory();
    }

    @Override
    public void createTables() {
        factory.getSchemaManager().create(false);
    }

    @Override
    public long addAuthor(String name) {
        return inTransaction(entities -> {
            Author author = new Author(name);
            entities.persist(author);
            return author;
        }).getId();
    }

    @Override
    public long addBook(long authorId, String title, BigDecimal price) {
        return inTransaction(entities -> newBook(entities, authorId, title, price)).getId();
    }

    private static Book newBook(EntityManager entities, long authorId, String title, BigDecimal price) {
        Book book = new Book(entities.getReference(Author.class, authorId), title, price);
        entities.persist(book);
        return book;
    }

    @Override
    public void removeBook(long bookId) {
        inTransaction(entities -> {
            entities.remove(entities.find(Book.class, bookId));
            return null;
        });
    }

    @Override
    public List<BookView> booksBy(String authorName) {
        return read(entities -> booksBy(entities, authorName));
    }

    private static List<BookView> booksBy(EntityManager entities, String authorName) {
        return entities.createQuery("select b from Book b where b.author.name = :name order by b.title", Book.class)
                .setParameter("name", authorName)
                .getResultStream()
                .map(Book::view)
                .toList();
    }

    @Override
    public BigDecimal priceOf(long bookId) {
        return read(entities -> {
            Book book = entities.find(Book.class, bookId);
            return book == null ? null : book.getPrice();
        });
    }

    @Override
    public List<BookView> commitRevision(Revision revision, Runnable whileOpen) {
        return inTransaction(entities -> revise(entities, revision, whileOpen));
    }

    @Override
    public List<BookView> rollBackRevision(Revision revision, Runnable whileOpen) {
        EntityManager entities = factory.createEntityManager();
        EntityTransaction transaction = entities.getTransaction();
        try {
            transaction.begin();
            List<BookView> seenInside = revise(entities, revision, whileOpen);
            transaction.rollback();
            return seenInside;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entities.close();
        }
    }

    private static List<BookView> revise(EntityManager entities, Revision revision, Runnable whileOpen) {
        entities.find(Book.class, revision.bookId()).setPrice(revision.newPrice());
        newBook(entities, revision.authorId(), revision.addedTitle(), revision.addedPrice());
        entities.flush();
        whileOpen.run();
        return booksBy(entities, entities.find(Author.class, revision.authorId()).getName());
    }

    /** Runs the work in a transaction of a new persistence context, commits it, and returns what the work returned. */
    <T> T inTransaction(Function<EntityManager, T> work) {
        return factory.callInTransaction(work);
    }

    /** Runs the work in a transaction of a new persistence context and commits it. */
    void runInTransaction(Consumer<EntityManager> work) {
        factory.runInTransaction(work);
    }

    /** Reads in a new persistence context, outside any transaction, as applications do for queries. */
    <T> T read(Function<EntityManager, T> work) {
        try (EntityManager entities = factory.createEntityManager()) {
            return work.apply(entities);
        }
    }

    /** A new persistence context the caller closes. */
    EntityManager entityManager() {
        return factory.createEntityManager();
    }

    @Override
    public CacheStatistics statistics() {
        return read(entities -> entities.unwrap(Session.class)
                .doReturningWork(connection -> connection.unwrap(CacheControl.class).statistics()));
    }

    @Override
    public void close() {
        factory.close();
    }
}
