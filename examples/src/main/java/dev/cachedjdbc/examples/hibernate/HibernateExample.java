package dev.cachedjdbc.examples.hibernate;

import dev.cachedjdbc.driver.CacheControl;
import dev.cachedjdbc.driver.CacheStatistics;
import org.hibernate.SessionFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

/**
 * Hibernate, bootstrapped in code: only the JDBC URL changes. Hibernate's own SQL is cached like any other, so a
 * session that finds an entity another session already loaded gets its row from memory, with no second-level cache
 * to configure and with every write through Hibernate invalidating what it touched.
 */
public final class HibernateExample {

    static final String URL = "jdbc:cached:h2:mem:hibernate_example;DB_CLOSE_DELAY=-1";

    private HibernateExample() {
    }

    public static void main(String[] args) {
        CacheStatistics statistics = run(URL);
        System.out.println("cache hits: " + statistics.hits() + ", database loads: " + statistics.loads());
    }

    static SessionFactory sessionFactory(String url) {
        return new HibernatePersistenceConfiguration("library")
                .managedClass(Book.class)
                .jdbcUrl(url)
                .jdbcPoolSize(4)
                .schemaToolingAction(Action.CREATE_DROP)
                .createEntityManagerFactory();
    }

    /** Finds one book in two sessions: the second session's query is answered from memory. */
    public static CacheStatistics run(String url) {
        try (SessionFactory factory = sessionFactory(url)) {
            factory.inTransaction(session -> session.persist(new Book(1L, "The Name of the Rose")));
            for (int read = 1; read <= 2; read++) {
                Book book = factory.fromTransaction(session -> session.find(Book.class, 1L));
                System.out.println("read " + read + ": " + book.getTitle());
            }
            return factory.fromSession(session -> session.doReturningWork(
                    connection -> connection.unwrap(CacheControl.class).statistics()));
        }
    }
}
