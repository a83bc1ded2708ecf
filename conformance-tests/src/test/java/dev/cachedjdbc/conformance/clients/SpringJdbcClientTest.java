package dev.cachedjdbc.conformance.clients;

/** The scenario on Spring JDBC ({@code JdbcTemplate}, {@code NamedParameterJdbcTemplate}, {@code TransactionTemplate}). */
class SpringJdbcClientTest extends LibraryClientTest {

    @Override
    String clientName() {
        return "spring";
    }

    @Override
    Library open(ScenarioDatabase database, String url) {
        return new SpringJdbcLibrary(Pools.hikari(database, url));
    }
}
