package dev.cachedjdbc.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachedjdbc.testing.TestDatabases;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TemporaryTableResolutionH2Test extends TemporaryTableResolutionContract {

    private static final String URL = TestDatabases.uniqueH2Url("temporary");

    @Override
    String plainUrl() {
        return URL;
    }

    @Override
    Properties credentials() {
        return new Properties();
    }

    @Override
    String createTemporary(String name, String columns, String suffix) {
        return "create local temporary table " + name + " " + columns + suffix;
    }

    /** H2 looks in the current schema first, then along the search path. */
    @Test
    void aTemporaryTableFoundThroughTheSearchPathStopsAnsweringWhenDropped() throws SQLException {
        TwinSession session = session();
        session.run("create schema if not exists tr_first");
        session.run("set schema_search_path tr_first, public");
        session.run("set schema tr_first");
        session.run("create local temporary table tr_first.tr_perm (v varchar(20))");
        session.run("insert into tr_first.tr_perm values ('temporary')");
        assertThat(session.read("select v from tr_perm")).isEqualTo("rows [temporary]");
        session.run("drop table tr_first.tr_perm");
        assertThat(session.read("select v from tr_perm")).isEqualTo("rows [permanent]");
        session().read("select v from tr_perm");
    }
}
