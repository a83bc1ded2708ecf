package dev.cachedjdbc.conformance.clients;

/**
 * One empty database a scenario runs in, reachable through the database's own URL and through the caching URL
 * that only differs by its {@code jdbc:cached:} prefix. Closing it drops what the scenario created.
 */
final class ScenarioDatabase implements AutoCloseable {

    private final TestedDatabase kind;
    private final String plainUrl;
    private final String user;
    private final String password;
    private final Runnable cleanUp;

    ScenarioDatabase(TestedDatabase kind, String plainUrl, String user, String password, Runnable cleanUp) {
        this.kind = kind;
        this.plainUrl = plainUrl;
        this.user = user;
        this.password = password;
        this.cleanUp = cleanUp;
    }

    TestedDatabase kind() {
        return kind;
    }

    String plainUrl() {
        return plainUrl;
    }

    String cachedUrl() {
        return "jdbc:cached:" + plainUrl.substring("jdbc:".length());
    }

    /** The caching URL stacked on the test driver that counts what reaches the database. */
    String countedCachedUrl() {
        return "jdbc:cached:counting:" + plainUrl.substring("jdbc:".length());
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() {
        cleanUp.run();
    }
}
