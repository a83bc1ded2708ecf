package dev.cachedjdbc.conformance.clients;

import org.jooq.SQLDialect;

/** The scenario on jOOQ, with the dialect of each database. */
class JooqClientTest extends LibraryClientTest {

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    @Override
    String clientName() {
        return "jooq";
    }

    @Override
    Library open(ScenarioDatabase database, String url) {
        SQLDialect dialect = database.kind() == TestedDatabase.H2 ? SQLDialect.H2 : SQLDialect.POSTGRES;
        return new JooqLibrary(Pools.hikari(database, url), dialect);
    }
}
