package dev.cachedjdbc.conformance.clients;

/** The scenario on Hibernate ORM, plus what only an ORM does: paging, inheritance, versions, batches, collections. */
class HibernateClientTest extends LibraryClientTest {

    @Override
    String clientName() {
        return "hibernate";
    }

    @Override
    Library open(ScenarioDatabase database, String url) {
        return new HibernateLibrary(database, url);
    }
}
