package dev.cachedjdbc.benchmarks.mixes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * One workload shaped like a public OLTP benchmark: its tables (named {@code mx_<mix>_*}), how they are loaded,
 * and the operations its clients run, with their weights.
 */
abstract class Mix {

    /** The name on the command line and in the tables' names. */
    abstract String name();

    /** What it imitates, for the report. */
    abstract String title();

    abstract List<? extends WeightedOperation> operations();

    /**
     * Creates and loads the tables through a plain connection, or keeps them when they are already there as this
     * scale loads them. Runs once per mix before any measured run.
     *
     * @return what it did, for the log
     */
    abstract String prepare(Connection connection, double scale) throws SQLException;

    /**
     * The state one measured run shares between its client threads.
     *
     * @param connection a plain connection, for what the run must learn from the tables before it starts
     * @param reads      where reads go: the pool of the driver under test
     * @param writes     where writes go: the same pool, or the plain driver's to show the stale-read check failing
     */
    abstract Session open(Connection connection, MixSettings settings, DataSource reads, DataSource writes)
            throws SQLException;

    /** One run's operations, as its client threads call them. */
    interface Session {

        /** Chooses one operation by the mix's weights and runs it to the end (commit included). */
        void perform(ReadCheck check) throws SQLException;
    }

    final double writeShare() {
        return new OperationMix<>(operations()).writeShare();
    }

    static List<Mix> all() {
        return List.of(new TimelineMix(), new KeyValueMix(), new WikiMix(), new ReviewsMix());
    }

    static Mix named(String name) {
        for (Mix mix : all()) {
            if (mix.name().equals(name.toLowerCase(Locale.ROOT))) {
                return mix;
            }
        }
        throw new IllegalArgumentException("Unknown mix " + name + "; the mixes are timeline, keyvalue, wiki, reviews");
    }

    /** A count of the loaded size scaled, never below one. */
    static int scaled(int count, double scale) {
        return Math.max(1, (int) Math.round(count * scale));
    }

    /** Rows in a table, or -1 when it does not exist. */
    static long rowsOf(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return -1;
                }
            }
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /** Lower-case letters, different every call: a value a write sets. */
    static String randomText(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
