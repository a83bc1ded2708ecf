package dev.cachedjdbc.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the database's driver is told besides the SQL — its URL and connection properties — as one digest that
 * separates caches. Many of these change what a query returns without the server knowing (pgjdbc's
 * {@code stringtype} and {@code preferQueryMode} type a string parameter differently, {@code binaryTransfer} and
 * {@code prepareThreshold} render values differently; an H2 URL may carry session settings), and no list of them
 * can be complete for every driver, so all of them count, with three exceptions:
 * <ul>
 *   <li>passwords (any name containing "password", in the properties or as a URL parameter): they change no result,
 *       and are neither kept nor digested, so that a changed password keeps the cache;</li>
 *   <li>the user, which separates caches on its own (as the server reports it);</li>
 *   <li>pgjdbc's {@code ApplicationName}, which only labels the session and may differ between connections of a
 *       pool.</li>
 * </ul>
 * The digest is a SHA-256 of what remains, so that a password written where no rule finds it (inside the URL's
 * authority, say) is not kept in clear either. Connections whose digests differ share invalidation all the same.
 */
public final class DriverSettings {

    private DriverSettings() {
    }

    public static String digest(String delegateUrl, Properties delegateProperties) {
        StringBuilder text = new StringBuilder(withoutPasswordParameters(delegateUrl));
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<Object, Object> entry : delegateProperties.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!changesNoResult(name)) {
                sorted.put(name, String.valueOf(entry.getValue()));
            }
        }
        for (String name : delegateProperties.stringPropertyNames()) {
            if (!changesNoResult(name) && !sorted.containsKey(name)) {
                sorted.put(name, delegateProperties.getProperty(name)); // inherited defaults
            }
        }
        sorted.forEach((name, value) -> text.append('\u0000').append(name).append('=').append(value));
        return sha256(text.toString());
    }

    private static boolean changesNoResult(String name) {
        String folded = name.strip().toLowerCase(Locale.ROOT);
        return namesAPassword(folded) || folded.equals("user") || folded.equals("applicationname");
    }

    private static boolean namesAPassword(String name) {
        return name.toLowerCase(Locale.ROOT).contains("password");
    }

    /** The URL less every parameter (after ?, & or ;, H2's escaped \; aside) whose name names a password. */
    private static String withoutPasswordParameters(String url) {
        StringBuilder kept = new StringBuilder(url.length());
        int start = 0;
        char separator = 0;
        for (int i = 0; i <= url.length(); i++) {
            char c = i < url.length() ? url.charAt(i) : 0;
            if (c == '\\' && i + 1 < url.length() && url.charAt(i + 1) == ';') {
                i++;
                continue;
            }
            if (i == url.length() || c == '?' || c == '&' || c == ';') {
                String segment = url.substring(start, i);
                int equals = segment.indexOf('=');
                boolean password = separator != 0 && equals >= 0 && namesAPassword(segment.substring(0, equals));
                if (!password) {
                    // One separator for all: which one led a parameter changes nothing once it is parsed.
                    kept.append(separator == 0 ? "" : "\u0001").append(segment);
                }
                separator = c;
                start = i + 1;
            }
        }
        return kept.toString();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
