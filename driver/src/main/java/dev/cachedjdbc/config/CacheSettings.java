package dev.cachedjdbc.config;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.driver.CacheProperty;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Parsed, validated settings. Immutable; equals and hashCode by value, since the driver keys caches by them.
 *
 * @param excludeTables the keys of the tables whose reads are never cached
 */
public record CacheSettings(boolean enabled, Duration ttl, double ttlJitter, boolean refreshAhead, long maxBytes,
        int maxResultRows, long maxResultBytes, Set<TableKey> excludeTables, Duration singleFlightTimeout,
        boolean cacheRepeatableRead, Duration parseTimeout, Coherence coherence, Duration maxStaleness,
        boolean admission, boolean jmx) {

    private static final CacheSettings DEFAULTS = new CacheSettings(
            true,
            Duration.ofSeconds(60),
            0.2,
            true,
            64L * 1024 * 1024,
            10_000,
            1024L * 1024,
            Set.of(),
            Duration.ofSeconds(30),
            false,
            Duration.ofMillis(200),
            Coherence.AUTO,
            Duration.ofSeconds(1),
            true,
            true);

    /** @throws IllegalArgumentException when a value is outside what the matching {@link CacheProperty} accepts */
    public CacheSettings {
        requirePositive(ttl, CacheProperty.TTL);
        requirePositive(singleFlightTimeout, CacheProperty.SINGLE_FLIGHT_TIMEOUT);
        requirePositive(parseTimeout, CacheProperty.PARSE_TIMEOUT);
        Objects.requireNonNull(coherence, CacheProperty.COHERENCE.propertyName());
        requirePositive(maxStaleness, CacheProperty.MAX_STALENESS);
        if (!(ttlJitter >= 0 && ttlJitter <= 1)) {
            throw outOfRange(CacheProperty.TTL_JITTER, ttlJitter);
        }
        ttlJitter += 0.0; // -0 becomes 0, so that equal settings compare equal
        if (maxBytes < 0) {
            throw outOfRange(CacheProperty.MAX_BYTES, maxBytes);
        }
        if (maxResultRows < 0) {
            throw outOfRange(CacheProperty.MAX_RESULT_ROWS, maxResultRows);
        }
        if (maxResultBytes < 0) {
            throw outOfRange(CacheProperty.MAX_RESULT_BYTES, maxResultBytes);
        }
        Objects.requireNonNull(excludeTables, CacheProperty.EXCLUDE_TABLES.propertyName());
        excludeTables = Set.copyOf(excludeTables);
    }

    /** The settings of a URL that names no property. */
    public static CacheSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Reads every {@code cache.*} property, each absent one taking its default; other names are ignored. Unknown
     * {@code cache.*} names and invalid values fail with an SQLException whose message names the property, the value
     * given and what is accepted, and whose SQLState is 22023 (invalid parameter value).
     */
    public static CacheSettings from(Properties cacheProperties) throws SQLException {
        Map<CacheProperty, String> given = new EnumMap<>(CacheProperty.class);
        if (cacheProperties != null) {
            for (String name : cacheProperties.stringPropertyNames()) {
                if (CacheProperty.isCacheName(name)) {
                    String value = cacheProperties.getProperty(name);
                    CacheProperty property = CacheProperty.forName(name)
                            .orElseThrow(() -> CacheProperty.unknownName(name, value));
                    given.put(property, value);
                }
            }
        }
        return new CacheSettings(
                read(given, CacheProperty.ENABLED, PropertyType.BOOLEAN),
                read(given, CacheProperty.TTL, PropertyType.POSITIVE_DURATION),
                read(given, CacheProperty.TTL_JITTER, PropertyType.FRACTION),
                read(given, CacheProperty.REFRESH_AHEAD, PropertyType.BOOLEAN),
                read(given, CacheProperty.MAX_BYTES, PropertyType.BYTE_SIZE),
                read(given, CacheProperty.MAX_RESULT_ROWS, PropertyType.COUNT),
                read(given, CacheProperty.MAX_RESULT_BYTES, PropertyType.BYTE_SIZE),
                read(given, CacheProperty.EXCLUDE_TABLES, PropertyType.TABLE_LIST),
                read(given, CacheProperty.SINGLE_FLIGHT_TIMEOUT, PropertyType.POSITIVE_DURATION),
                read(given, CacheProperty.ISOLATED_TRANSACTIONS, PropertyType.BOOLEAN),
                read(given, CacheProperty.PARSE_TIMEOUT, PropertyType.POSITIVE_DURATION),
                read(given, CacheProperty.COHERENCE, PropertyType.COHERENCE),
                read(given, CacheProperty.MAX_STALENESS, PropertyType.POSITIVE_DURATION),
                read(given, CacheProperty.ADMISSION, PropertyType.BOOLEAN),
                read(given, CacheProperty.JMX, PropertyType.BOOLEAN));
    }

    private static <T> T read(Map<CacheProperty, String> given, CacheProperty property, PropertyType<T> type)
            throws SQLException {
        return property.parse(given.getOrDefault(property, property.defaultValue()), type);
    }

    private static void requirePositive(Duration duration, CacheProperty property) {
        Objects.requireNonNull(duration, property.propertyName());
        if (duration.isNegative() || duration.isZero()) {
            throw outOfRange(property, duration);
        }
    }

    private static IllegalArgumentException outOfRange(CacheProperty property, Object value) {
        return new IllegalArgumentException(
                property.propertyName() + " is " + value + "; accepted: " + property.acceptedValues());
    }
}
