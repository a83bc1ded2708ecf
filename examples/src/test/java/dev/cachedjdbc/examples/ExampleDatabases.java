package dev.cachedjdbc.examples;

import java.util.concurrent.atomic.AtomicLong;

/** Fresh embedded databases for the examples' tests, so that each test's cache counters are its own. */
public final class ExampleDatabases {

    private static final AtomicLong NAMES = new AtomicLong();

    private ExampleDatabases() {
    }

    /** A new in-memory H2 database behind the caching driver, kept until the JVM ends. */
    public static String cachedH2Url(String prefix) {
        return "jdbc:cached:" + plainH2Url(prefix).substring("jdbc:".length());
    }

    public static String plainH2Url(String prefix) {
        return "jdbc:h2:mem:" + prefix + "_" + NAMES.incrementAndGet() + "_" + ProcessHandle.current().pid()
                + ";DB_CLOSE_DELAY=-1";
    }
}
