package dev.cachedjdbc.examples.demo;

import java.nio.file.Path;
import java.util.Properties;

/** What the demo runs against and for how long, from its command line. */
public record DemoOptions(String plainUrl, String user, String password, int threads, int secondsPerRun,
                          Path reportDirectory) {

    static final String EMBEDDED_H2 = "jdbc:h2:mem:cachedjdbc_demo;DB_CLOSE_DELAY=-1";
    private static final String CACHED_PREFIX = "jdbc:cached:";

    public static DemoOptions parse(String[] args, Path reportDirectory) {
        String url = EMBEDDED_H2;
        String user = null;
        String password = null;
        int threads = 8;
        int seconds = 5;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + usage());
            }
            String value = args[++i];
            switch (name) {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--threads" -> threads = positive(name, value);
                case "--seconds" -> seconds = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
        }
        // Either spelling of the URL is accepted: the demo needs both the plain and the cached one.
        String plain = url.startsWith(CACHED_PREFIX) ? "jdbc:" + url.substring(CACHED_PREFIX.length()) : url;
        return new DemoOptions(plain, user, password, threads, seconds, reportDirectory);
    }

    public String cachedUrl() {
        return CACHED_PREFIX + plainUrl.substring("jdbc:".length());
    }

    public boolean embedded() {
        return plainUrl.equals(EMBEDDED_H2);
    }

    /** The connection properties: credentials, when given. */
    public Properties credentials() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    static String usage() {
        return """
                usage: Demo [--url JDBC_URL] [--user NAME] [--password SECRET] [--threads N] [--seconds N]
                  --url       the database to run against (default: embedded H2); jdbc:… or jdbc:cached:…
                  --threads   threads of the read-heavy workload (default 8)
                  --seconds   length of each measured workload run (default 5)""";
    }

    private static int positive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(name + " takes a whole number above zero, not " + value);
    }
}
