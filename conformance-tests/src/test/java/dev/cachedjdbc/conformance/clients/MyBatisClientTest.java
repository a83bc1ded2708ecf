package dev.cachedjdbc.conformance.clients;

/** The scenario on MyBatis annotation mappers. */
class MyBatisClientTest extends LibraryClientTest {

    @Override
    String clientName() {
        return "mybatis";
    }

    @Override
    Library open(ScenarioDatabase database, String url) {
        return new MyBatisLibrary(Pools.hikari(database, url));
    }
}
