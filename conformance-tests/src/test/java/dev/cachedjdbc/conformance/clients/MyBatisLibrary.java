package dev.cachedjdbc.conformance.clients;

import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheStatistics;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * The scenario's application on MyBatis, configured in code: one session per unit of work, opened the default way
 * (not auto-committing), committed after writes. MyBatis reads every result through execute() and getResultSet().
 */
final class MyBatisLibrary implements Library {

    private final HikariDataSource dataSource;
    private final SqlSessionFactory sessions;

    MyBatisLibrary(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        Configuration configuration = new Configuration(
                new Environment("library", new JdbcTransactionFactory(), dataSource));
        configuration.addMapper(LibraryMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    @Override
    public void createTables() {
        write(mapper -> {
            mapper.createAuthorTable();
            mapper.createBookTable();
            return null;
        });
    }

    @Override
    public long addAuthor(String name) {
        LibraryMapper.NewAuthor author = new LibraryMapper.NewAuthor(name);
        write(mapper -> {
            mapper.insertAuthor(author);
            return null;
        });
        return author.getId();
    }

    @Override
    public long addBook(long authorId, String title, BigDecimal price) {
        return write(mapper -> insertBook(mapper, authorId, title, price));
    }

    private static long insertBook(LibraryMapper mapper, long authorId, String title, BigDecimal price) {
        LibraryMapper.NewBook book = new LibraryMapper.NewBook(authorId, title, price);
        mapper.insertBook(book);
        return book.getId();
    }

    @Override
    public void removeBook(long bookId) {
        write(mapper -> mapper.deleteBook(bookId));
    }

    @Override
    public List<BookView> booksBy(String authorName) {
        return read(mapper -> mapper.booksBy(authorName));
    }

    @Override
    public BigDecimal priceOf(long bookId) {
        return read(mapper -> mapper.priceOf(bookId));
    }

    @Override
    public List<BookView> commitRevision(Revision revision, Runnable whileOpen) {
        try (SqlSession session = sessions.openSession()) {
            List<BookView> seenInside = revise(session.getMapper(LibraryMapper.class), revision, whileOpen);
            session.commit();
            return seenInside;
        }
    }

    @Override
    public List<BookView> rollBackRevision(Revision revision, Runnable whileOpen) {
        try (SqlSession session = sessions.openSession()) {
            List<BookView> seenInside = revise(session.getMapper(LibraryMapper.class), revision, whileOpen);
            session.rollback();
            return seenInside;
        }
    }

    private static List<BookView> revise(LibraryMapper mapper, Revision revision, Runnable whileOpen) {
        mapper.updatePrice(revision.bookId(), revision.newPrice());
        insertBook(mapper, revision.authorId(), revision.addedTitle(), revision.addedPrice());
        whileOpen.run();
        return mapper.booksBy(mapper.nameOfAuthor(revision.authorId()));
    }

    private <T> T read(Function<LibraryMapper, T> query) {
        try (SqlSession session = sessions.openSession()) {
            return query.apply(session.getMapper(LibraryMapper.class));
        }
    }

    private <T> T write(Function<LibraryMapper, T> change) {
        try (SqlSession session = sessions.openSession()) {
            T result = change.apply(session.getMapper(LibraryMapper.class));
            session.commit();
            return result;
        }
    }

    @Override
    public CacheStatistics statistics() {
        return Pools.statisticsOf(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
