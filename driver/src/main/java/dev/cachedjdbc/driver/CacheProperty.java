package dev.cachedjdbc.driver;

import dev.cachedjdbc.config.MisspeltName;
import dev.cachedjdbc.config.PropertyType;
import java.sql.DriverPropertyInfo;
import java.sql.SQLDataException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/** Every connection property of the driver: one documented constant with its default. */
public enum CacheProperty {

    ENABLED("cache.enabled", "true", PropertyType.BOOLEAN,
            "Whether results are cached at all; false makes the driver a plain pass-through to the database driver."),

    TTL("cache.ttl", "60s", PropertyType.POSITIVE_DURATION,
            "How long a cached result may be served after it was read, unless a write through the driver"
                    + " invalidates it sooner."),

    TTL_JITTER("cache.ttlJitter", "0.2", PropertyType.FRACTION,
            "Random shortening of each entry's lifetime, so that results cached together do not expire together:"
                    + " the lifetime is uniform between ttl × (1 − jitter) and ttl."),

    REFRESH_AHEAD("cache.refreshAhead", "true", PropertyType.BOOLEAN,
            "Whether a result read often is reloaded shortly before it expires, so that its readers do not miss at"
                    + " expiry: in the last ten query durations of its lifetime, a hit may choose its caller, with a"
                    + " chance that grows towards the end (probabilistic early expiration), to run the query again"
                    + " while every other caller is still served the cached result; at most one caller per result,"
                    + " and none while the query is already running. The reloaded result has a lifetime of its own,"
                    + " and no result is served past its ttl."),

    MAX_BYTES("cache.maxBytes", "64MB", PropertyType.BYTE_SIZE,
            "Memory budget for all cached results, by their estimated size: entries are evicted to stay within it,"
                    + " and 0 stores nothing. An entry counts its rows' estimated size plus its key and about 320 bytes"
                    + " of bookkeeping; metadata is stored once per statement, not per entry. The estimate follows the"
                    + " JVM's layout (compressed references, Latin-1 text at one byte a character) and errs slightly"
                    + " high: about 1.07 times the heap really held for text-heavy rows."),

    MAX_RESULT_ROWS("cache.maxResultRows", "10000", PropertyType.COUNT,
            "A result with more rows than this is passed through and not cached."),

    MAX_RESULT_BYTES("cache.maxResultBytes", "1MB", PropertyType.BYTE_SIZE,
            "A result whose estimated size is larger than this is passed through and not cached."),

    EXCLUDE_TABLES("cache.excludeTables", "", PropertyType.TABLE_LIST,
            "Tables whose reads are never cached, matched by table name whatever the schema or letter case."),

    SINGLE_FLIGHT_TIMEOUT("cache.singleFlightTimeout", "30s", PropertyType.POSITIVE_DURATION,
            "How long a query waits for an identical query already running to share its result, before it goes"
                    + " to the database itself."),

    ISOLATED_TRANSACTIONS("cache.cacheRepeatableRead", "false", PropertyType.BOOLEAN,
            "Whether to use the cache in transactions at REPEATABLE READ or SERIALIZABLE; off by default, because"
                    + " such a transaction must see its own snapshot and not results cached outside it."),

    PARSE_TIMEOUT("cache.parseTimeout", "200ms", PropertyType.POSITIVE_DURATION,
            "Longest CPU time the calling thread may spend analysing one statement (and ten times that on the wall,"
                    + " for a thread that waits for a core); a statement not analysed in time runs uncached, counts as a"
                    + " possible write to every table, and is analysed again after 30 s."),

    COHERENCE("cache.coherence", "auto", PropertyType.COHERENCE,
            "Where the cache learns of writes made by other instances and other clients: local (only writes through"
                    + " the driver in this JVM; others are seen at expiry), notify (every instance announces its writes"
                    + " on a PostgreSQL LISTEN/NOTIFY channel and listens to the others'), logical (the cache follows"
                    + " PostgreSQL's logical decoding, which sees every committed change of any client; needs"
                    + " wal_level=logical and a role with REPLICATION), or auto (notify on PostgreSQL, local"
                    + " elsewhere)."),

    MAX_STALENESS("cache.maxStaleness", "1s", PropertyType.POSITIVE_DURATION,
            "With notify or logical: how long after a write committed elsewhere a result it made stale may still be"
                    + " served. Hits are served only while the channel proves that every change committed longer ago"
                    + " has been heard; otherwise reads go to the database until it does again."),

    ADMISSION("cache.admission", "true", PropertyType.BOOLEAN,
            "Whether the driver learns, per statement, whether caching it pays: a statement whose results are"
                    + " invalidated, expired or evicted before anyone reads them, or cost more to copy than their reads"
                    + " save, is passed through without copying or storing its rows, and sampled now and then so that a"
                    + " change is noticed; explain() says why. false caches every cacheable statement."),

    JMX("cache.jmx", "true", PropertyType.BOOLEAN,
            "Whether to register the cache statistics as JMX MBeans.");

    /**
     * What every property name starts with. Any name that starts with it, in any letter case, belongs to the
     * driver: it is never passed to the database driver, and one that is not a property here is an error, so that
     * a misspelt setting fails at connect time instead of being silently ignored.
     */
    public static final String NAME_PREFIX = "cache.";

    /** SQLState of an invalid parameter value. */
    public static final String INVALID_VALUE_STATE = "22023";

    private final String propertyName;
    private final String defaultValue;
    private final PropertyType<?> type;
    private final String description;

    CacheProperty(String propertyName, String defaultValue, PropertyType<?> type, String description) {
        this.propertyName = propertyName;
        this.defaultValue = defaultValue;
        this.type = type;
        this.description = description;
    }

    public String propertyName() {
        return propertyName;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The values accepted, in words, with examples. */
    public String acceptedValues() {
        return type.acceptedValues();
    }

    /** The complete set of values, or null when the value is free-form. */
    public String[] choices() {
        return type.choices();
    }

    /** The property of exactly this name (names are case-sensitive). */
    public static Optional<CacheProperty> forName(String propertyName) {
        return Arrays.stream(values()).filter(property -> property.propertyName.equals(propertyName)).findFirst();
    }

    /** True for every name the driver keeps to itself, known or not; see {@link #NAME_PREFIX}. */
    public static boolean isCacheName(String name) {
        return name != null && name.regionMatches(true, 0, NAME_PREFIX, 0, NAME_PREFIX.length());
    }

    /**
     * Each property with its value in the given properties, or its default, for {@code Driver.getPropertyInfo}.
     * Values are reported as given, valid or not.
     */
    public static DriverPropertyInfo[] propertyInfo(Properties cacheProperties) {
        CacheProperty[] properties = values();
        DriverPropertyInfo[] infos = new DriverPropertyInfo[properties.length];
        for (int i = 0; i < properties.length; i++) {
            CacheProperty property = properties[i];
            String given = cacheProperties == null ? null : cacheProperties.getProperty(property.propertyName);
            DriverPropertyInfo info = new DriverPropertyInfo(property.propertyName,
                    given != null ? given : property.defaultValue);
            info.description = property.description;
            info.choices = property.choices();
            info.required = false;
            infos[i] = info;
        }
        return infos;
    }

    /** The value of the given text, of the Java type of {@code expectedType}, which must be this property's. */
    public <T> T parse(String text, PropertyType<T> expectedType) throws SQLDataException {
        if (expectedType != type) {
            throw new IllegalStateException(propertyName + " is not read as " + expectedType.acceptedValues());
        }
        try {
            return expectedType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("Invalid value \"" + text + "\" for " + propertyName + ": " + e.getMessage()
                    + ". Accepted: " + acceptedValues() + ".", INVALID_VALUE_STATE, e);
        }
    }

    /** The error for a name with the prefix of the driver's properties that is none of them. */
    public static SQLDataException unknownName(String name, String value) {
        String known = Arrays.stream(values()).map(CacheProperty::propertyName).collect(Collectors.joining(", "));
        String suggestion = MisspeltName.likelyMeant(name, Arrays.stream(values()).map(CacheProperty::propertyName))
                .map(meant -> " Did you mean " + meant + "?")
                .orElse("");
        return new SQLDataException("Unknown property " + name + " (given \"" + value + "\")." + suggestion
                + " Accepted: one of " + known + "; names are case-sensitive.", INVALID_VALUE_STATE);
    }
}
