package dev.cachedjdbc.conformance.clients;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.foreignKey;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unique;

import com.zaxxer.hikari.HikariDataSource;
import dev.cachedjdbc.driver.CacheStatistics;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The scenario's application on jOOQ without generated code: tables and fields by name, so every identifier is
 * rendered quoted, and jOOQ's own DDL, inserts with RETURNING, fetch and execute.
 */
final class JooqLibrary implements Library {

    private static final Table<Record> AUTHOR = table(name("orm_author"));
    private static final Field<Long> AUTHOR_ID = field(name("orm_author", "id"), SQLDataType.BIGINT);
    private static final Field<String> AUTHOR_NAME = field(name("orm_author", "name"), SQLDataType.VARCHAR(100));

    private static final Table<Record> BOOK = table(name("orm_book"));
    private static final Field<Long> BOOK_ID = field(name("orm_book", "id"), SQLDataType.BIGINT);
    private static final Field<Long> BOOK_AUTHOR_ID = field(name("orm_book", "author_id"), SQLDataType.BIGINT);
    private static final Field<String> BOOK_TITLE = field(name("orm_book", "title"), SQLDataType.VARCHAR(200));
    private static final Field<BigDecimal> BOOK_PRICE = field(name("orm_book", "price"), SQLDataType.NUMERIC(10, 2));

    private final HikariDataSource dataSource;
    private final DSLContext db;

    JooqLibrary(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.db = DSL.using(dataSource, dialect);
    }

    @Override
    public void createTables() {
        db.createTable(AUTHOR)
                .column(AUTHOR_ID, SQLDataType.BIGINT.identity(true))
                .column(AUTHOR_NAME, SQLDataType.VARCHAR(100).notNull())
                .constraints(primaryKey(AUTHOR_ID), unique(AUTHOR_NAME))
                .execute();
        db.createTable(BOOK)
                .column(BOOK_ID, SQLDataType.BIGINT.identity(true))
                .column(BOOK_AUTHOR_ID, SQLDataType.BIGINT.notNull())
                .column(BOOK_TITLE, SQLDataType.VARCHAR(200).notNull())
                .column(BOOK_PRICE, SQLDataType.NUMERIC(10, 2).notNull())
                .constraints(primaryKey(BOOK_ID), foreignKey(BOOK_AUTHOR_ID).references(AUTHOR, AUTHOR_ID))
                .execute();
    }

    @Override
    public long addAuthor(String name) {
        return db.insertInto(AUTHOR).set(AUTHOR_NAME, name).returningResult(AUTHOR_ID).fetchSingle().value1();
    }

    @Override
    public long addBook(long authorId, String title, BigDecimal price) {
        return addBook(db, authorId, title, price);
    }

    private static long addBook(DSLContext context, long authorId, String title, BigDecimal price) {
        return context.insertInto(BOOK)
                .set(BOOK_AUTHOR_ID, authorId)
                .set(BOOK_TITLE, title)
                .set(BOOK_PRICE, price)
                .returningResult(BOOK_ID)
                .fetchSingle()
                .value1();
    }

    @Override
    public void removeBook(long bookId) {
        db.deleteFrom(BOOK).where(BOOK_ID.eq(bookId)).execute();
    }

    @Override
    public List<BookView> booksBy(String authorName) {
        return booksBy(db, authorName);
    }

    private static List<BookView> booksBy(DSLContext context, String authorName) {
        return context.select(BOOK_TITLE, BOOK_PRICE)
                .from(BOOK)
                .join(AUTHOR).on(AUTHOR_ID.eq(BOOK_AUTHOR_ID))
                .where(AUTHOR_NAME.eq(authorName))
                .orderBy(BOOK_TITLE)
                .fetch(row -> new BookView(row.value1(), row.value2()));
    }

    @Override
    public BigDecimal priceOf(long bookId) {
        return db.select(BOOK_PRICE).from(BOOK).where(BOOK_ID.eq(bookId)).fetchOne(BOOK_PRICE);
    }

    @Override
    public List<BookView> commitRevision(Revision revision, Runnable whileOpen) {
        return db.transactionResult(configuration -> revise(DSL.using(configuration), revision, whileOpen));
    }

    @Override
    public List<BookView> rollBackRevision(Revision revision, Runnable whileOpen) {
        try {
            db.transaction(configuration -> {
                throw new RolledBack(revise(DSL.using(configuration), revision, whileOpen));
            });
        } catch (RolledBack rolledBack) {
            return rolledBack.seenInside;
        }
        throw new IllegalStateException("the transaction was expected to roll back");
    }

    private static List<BookView> revise(DSLContext transaction, Revision revision, Runnable whileOpen) {
        transaction.update(BOOK).set(BOOK_PRICE, revision.newPrice()).where(BOOK_ID.eq(revision.bookId())).execute();
        addBook(transaction, revision.authorId(), revision.addedTitle(), revision.addedPrice());
        whileOpen.run();
        String author = transaction.select(AUTHOR_NAME).from(AUTHOR).where(AUTHOR_ID.eq(revision.authorId()))
                .fetchSingle(AUTHOR_NAME);
        return booksBy(transaction, author);
    }

    /** Ends a jOOQ transaction the idiomatic way, by throwing, and carries what the transaction read. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<BookView> seenInside;

        RolledBack(List<BookView> seenInside) {
            super("roll back", null, false, false);
            this.seenInside = seenInside;
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
