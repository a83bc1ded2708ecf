package dev.cachedjdbc.config;

import dev.cachedjdbc.driver.CacheProperty;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A {@code jdbc:cached:} URL taken apart into what the database driver gets and what the cache keeps.
 *
 * <p>The database is never inferred from the URL: whatever follows the prefix is handed on as written, less the
 * cache parameters. Those are found wherever a JDBC URL puts parameters, as segments led by {@code ?} or {@code &}
 * (query strings) or by {@code ;} (H2, SQL Server, Derby, DB2 settings; H2's escaped {@code \;} does not separate),
 * so one rule serves every driver without knowing which it is. The database driver never sees a {@code cache.}
 * name, since some (H2) refuse settings they do not know.
 */
public final class CachedUrl {

    public static final String PREFIX = "jdbc:cached:";

    private static final String JDBC = "jdbc:";
    private static final String CONNECTION_FAILURE_STATE = "08001";

    private final String delegateUrl;
    private final Properties delegateProperties;
    private final Properties cacheProperties;

    private CachedUrl(String delegateUrl, Properties delegateProperties, Properties cacheProperties) {
        this.delegateUrl = delegateUrl;
        this.delegateProperties = delegateProperties;
        this.cacheProperties = cacheProperties;
    }

    /** True when the URL is one for this driver; false for null. */
    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * Splits the URL and the connection properties into what the database driver gets (every {@code cache.*}
     * removed from both, everything else untouched and in order) and the cache properties, where a value in the URL
     * overrides the same name in the properties. Cache values in the URL are percent-decoded; nothing else is.
     * Values are not validated here but by {@link CacheSettings#from(Properties)}.
     *
     * @param info the connection properties as given to {@code Driver.connect}; may be null
     */
    public static CachedUrl parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            // the URL itself stays out of every message here, since it may carry a password
            throw new SQLNonTransientConnectionException("The URL does not start with " + PREFIX,
                    CONNECTION_FAILURE_STATE);
        }
        String databaseUrl = url.substring(PREFIX.length());
        if (databaseUrl.isEmpty()) {
            throw new SQLNonTransientConnectionException("The URL names no database after " + PREFIX
                    + "; write, for example, " + PREFIX + "postgresql://host/database", CONNECTION_FAILURE_STATE);
        }
        if ((JDBC + databaseUrl).startsWith(PREFIX)) {
            throw new SQLNonTransientConnectionException("The URL repeats " + PREFIX
                    + "; one prefix puts one cache in front of the database", CONNECTION_FAILURE_STATE);
        }
        if (databaseUrl.startsWith(JDBC)) {
            throw new SQLNonTransientConnectionException("The URL repeats " + JDBC + "; write " + PREFIX
                    + "postgresql://..., not " + PREFIX + JDBC + "postgresql://...", CONNECTION_FAILURE_STATE);
        }

        Properties delegateProperties = new Properties();
        Properties cacheProperties = new Properties();
        splitConnectionProperties(info, delegateProperties, cacheProperties);
        String delegateUrl = JDBC + removeCacheParameters(databaseUrl, cacheProperties);
        return new CachedUrl(delegateUrl, delegateProperties, cacheProperties);
    }

    /** {@code "jdbc:"} and what followed the prefix, less the cache parameters. */
    public String delegateUrl() {
        return delegateUrl;
    }

    /** The connection properties for the database driver: a copy each time, with no {@code cache.*} name. */
    public Properties delegateProperties() {
        return copy(delegateProperties);
    }

    /** The {@code cache.*} properties of the URL and the connection properties: a copy each time. */
    public Properties cacheProperties() {
        return copy(cacheProperties);
    }

    /**
     * Properties inherited through {@link Properties#Properties(Properties) defaults} are flattened in, so that
     * a {@code cache.*} name among them is removed too; entries that are not strings pass to the driver as they are.
     */
    private static void splitConnectionProperties(Properties info, Properties delegate, Properties cache) {
        if (info == null) {
            return;
        }
        for (Map.Entry<Object, Object> entry : info.entrySet()) {
            if (entry.getKey() instanceof String name && CacheProperty.isCacheName(name)) {
                cache.setProperty(name, String.valueOf(entry.getValue()));
            } else {
                delegate.put(entry.getKey(), entry.getValue());
            }
        }
        for (String name : info.stringPropertyNames()) {
            if (!info.containsKey(name)) {
                (CacheProperty.isCacheName(name) ? cache : delegate).setProperty(name, info.getProperty(name));
            }
        }
    }

    private static String removeCacheParameters(String databaseUrl, Properties cache) throws SQLDataException {
        List<Segment> segments = segments(databaseUrl);
        StringBuilder delegate = new StringBuilder(databaseUrl.length()).append(segments.get(0).text());
        boolean queryStartRemoved = false;
        for (Segment segment : segments.subList(1, segments.size())) {
            if (CacheProperty.isCacheName(segment.text().stripLeading())) {
                readParameter(segment.text(), cache);
                queryStartRemoved |= segment.separator() == '?';
                continue;
            }
            char separator = segment.separator();
            if (queryStartRemoved) {
                // what followed a removed first query parameter now starts the query
                separator = separator == '&' ? '?' : separator;
                queryStartRemoved = false;
            }
            delegate.append(separator).append(segment.text());
        }
        return delegate.toString();
    }

    /** The text before the first separator, then each separator with the text up to the next. */
    private static List<Segment> segments(String databaseUrl) {
        List<Segment> segments = new ArrayList<>();
        char separator = 0;
        int start = 0;
        for (int i = 0; i < databaseUrl.length(); i++) {
            char c = databaseUrl.charAt(i);
            if (c == '\\' && i + 1 < databaseUrl.length() && databaseUrl.charAt(i + 1) == ';') {
                i++;
            } else if (c == '?' || c == '&' || c == ';') {
                segments.add(new Segment(separator, databaseUrl.substring(start, i)));
                separator = c;
                start = i + 1;
            }
        }
        segments.add(new Segment(separator, databaseUrl.substring(start)));
        return segments;
    }

    private static void readParameter(String parameter, Properties cache) throws SQLDataException {
        int equals = parameter.indexOf('=');
        if (equals < 0) {
            String name = parameter.strip();
            throw new SQLDataException("The URL parameter " + name + " has no value; write " + name + "=value",
                    CacheProperty.INVALID_VALUE_STATE);
        }
        String name = parameter.substring(0, equals).strip();
        cache.setProperty(name, percentDecoded(name, parameter.substring(equals + 1)));
    }

    private static String percentDecoded(String name, String value) throws SQLDataException {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder decoded = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.charAt(i) != '%') {
                decoded.append(value.charAt(i++));
                continue;
            }
            // consecutive escapes decode together, as one UTF-8 character may take several
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (i < value.length() && value.charAt(i) == '%') {
                int high = i + 1 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw badEncoding(name, value, "% must be followed by two hexadecimal digits");
                }
                bytes.write(high * 16 + low);
                i += 3;
            }
            try {
                decoded.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes.toByteArray())));
            } catch (CharacterCodingException e) {
                throw badEncoding(name, value, "the escaped bytes are not UTF-8");
            }
        }
        return decoded.toString();
    }

    private static SQLDataException badEncoding(String name, String value, String reason) {
        return new SQLDataException("Invalid value \"" + value + "\" for " + name + " in the URL: " + reason
                + ". Accepted: the value as text, with any character percent-encoded as UTF-8 (%2C for a comma).",
                CacheProperty.INVALID_VALUE_STATE);
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    private record Segment(char separator, String text) {
    }
}
