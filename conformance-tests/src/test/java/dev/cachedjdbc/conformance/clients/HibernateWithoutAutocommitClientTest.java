package dev.cachedjdbc.conformance.clients;

/**
 * The scenario on Hibernate ORM over a pool whose connections never run in autocommit: every statement, reads
 * included, runs in a transaction, and the schema is created in one too.
 */
class HibernateWithoutAutocommitClientTest extends LibraryClientTest {

    @Override
    String clientName() {
        return "hibernate_tx";
    }

    @Override
    Library open(ScenarioDatabase database, String url) {
        return new HibernateLibrary(database, url, sql -> sql, false);
    }
}
