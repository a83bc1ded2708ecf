package dev.cachedjdbc.driver;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * H2 keeps session changes through savepoint and transaction rollbacks, where PostgreSQL undoes them: whatever the
 * database does, the caching driver must read what it reads. Each session is a {@link TwinSession}.
 */
class SessionRollbackH2Test {

    private static final String URL = TestDatabases.uniqueH2Url("session_rollback");
    private static final String PATH_READ = "select v from sr_t";

    private final List<TwinSession> sessions = new ArrayList<>();

    @BeforeAll
    static void createSchemas() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            for (String schema : List.of("sr_a", "sr_b")) {
                statement.execute("create schema " + schema);
                statement.execute("create table " + schema + ".sr_t (v varchar(10))");
                statement.execute("insert into " + schema + ".sr_t values ('" + schema + "')");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        for (TwinSession session : sessions) {
            session.close();
        }
    }

    private TwinSession session() throws SQLException {
        TwinSession session = new TwinSession(URL, new Properties());
        sessions.add(session);
        session.run("set schema sr_a");
        return session;
    }

    @Test
    void schemaAndVariablesChangedInARolledBackSavepointAreReadAsTheDatabaseKeepsThem() throws SQLException {
        TwinSession session = session();
        session.setAutoCommit(false);
        session.savepoint("s");
        session.run("set schema sr_b");
        session.run("set @limit = 1");
        session.read(PATH_READ);
        session.read("select @limit");
        session.rollbackTo("s");
        session.read(PATH_READ);
        session.read("select @limit");
        session.run("set schema sr_a");
        session.rollback();
        session.read(PATH_READ);
        session.commit();
        TwinSession other = session();
        other.run("set schema sr_b");
        other.read(PATH_READ);
    }

    @Test
    void schemaChangedInAnSqlTransactionIsReadAsTheDatabaseKeepsIt() throws SQLException {
        TwinSession session = session();
        session.run("begin");
        session.run("set schema sr_b");
        session.read(PATH_READ);
        session.run("rollback");
        session.read(PATH_READ);
        session().read(PATH_READ);
    }
}
