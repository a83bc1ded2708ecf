package dev.cachedjdbc.coherence;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WrittenTables;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The text instances exchange on the change channel: who sent it, and either what a transaction wrote or a heartbeat.
 * A table key is percent-encoded, so that no name (quoted names may hold spaces, colons, commas, any character) can
 * pass for the syntax. A message longer than the channel takes names whole tables instead of rows, and then every
 * table: it errs toward invalidating more.
 *
 * <pre>
 *   cj1 &lt;sender&gt; h &lt;sequence&gt;                       a heartbeat
 *   cj1 &lt;sender&gt; *                                  every table
 *   cj1 &lt;sender&gt; t:&lt;table&gt; r:&lt;table&gt;:&lt;k&gt;,&lt;k&gt; …      whole tables and rows of tables
 * </pre>
 */
public record ChangeMessage(String sender, long heartbeat, WrittenTables written) {

    /** PostgreSQL refuses payloads of 8000 bytes or more; the rest is margin. */
    static final int MOST_BYTES = 7900;

    private static final String VERSION = "cj1";
    private static final long NO_HEARTBEAT = -1;

    public static ChangeMessage heartbeat(String sender, long sequence) {
        return new ChangeMessage(sender, sequence, null);
    }

    public static ChangeMessage written(String sender, WrittenTables written) {
        return new ChangeMessage(sender, NO_HEARTBEAT, written);
    }

    public boolean isHeartbeat() {
        return written == null;
    }

    /** The payload, within {@link #MOST_BYTES}. */
    public String encode() {
        String head = VERSION + " " + sender + " ";
        if (isHeartbeat()) {
            return head + "h " + heartbeat;
        }
        if (!written.everything()) {
            String exact = head + tables(written.wholeTables(), written.rows());
            if (fits(exact)) {
                return exact;
            }
            Set<TableKey> whole = new HashSet<>(written.wholeTables());
            whole.addAll(written.rows().keySet());
            String wider = head + tables(whole, Map.of());
            if (fits(wider)) {
                return wider;
            }
        }
        return head + "*";
    }

    private static boolean fits(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8).length <= MOST_BYTES;
    }

    private static String tables(Set<TableKey> whole, Map<TableKey, Set<Long>> rows) {
        StringJoiner parts = new StringJoiner(" ");
        whole.forEach(table -> parts.add("t:" + encoded(table)));
        rows.forEach((table, keys) -> {
            StringJoiner list = new StringJoiner(",");
            keys.forEach(key -> list.add(Long.toString(key)));
            parts.add("r:" + encoded(table) + ":" + list);
        });
        return parts.toString();
    }

    private static String encoded(TableKey table) {
        return URLEncoder.encode(table.name(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a payload; null when it is not one of ours (another application may use the channel name). A message of
     * ours that cannot be read whole means every table: it may have named any.
     */
    public static ChangeMessage decode(String payload) {
        if (payload == null) {
            return null;
        }
        String[] parts = payload.split(" ");
        if (parts.length < 3 || !parts[0].equals(VERSION)) {
            return null;
        }
        String sender = parts[1];
        try {
            if (parts[2].equals("h") && parts.length == 4) {
                return heartbeat(sender, Long.parseLong(parts[3]));
            }
            if (parts[2].equals("*")) {
                return written(sender, WrittenTables.EVERYTHING);
            }
            Set<TableKey> whole = new HashSet<>();
            Map<TableKey, Set<Long>> rows = new HashMap<>();
            for (int i = 2; i < parts.length; i++) {
                readTable(parts[i], whole, rows);
            }
            rows.keySet().removeAll(whole);
            return written(sender, new WrittenTables(false, whole, rows));
        } catch (RuntimeException unreadable) {
            return written(sender, WrittenTables.EVERYTHING);
        }
    }

    private static void readTable(String part, Set<TableKey> whole, Map<TableKey, Set<Long>> rows) {
        if (part.startsWith("t:")) {
            whole.add(TableKey.of(decoded(part.substring(2))));
            return;
        }
        if (!part.startsWith("r:")) {
            throw new IllegalArgumentException("not a table: " + part);
        }
        int colon = part.indexOf(':', 2);
        TableKey table = TableKey.of(decoded(part.substring(2, colon)));
        List<Long> keys = new ArrayList<>();
        for (String key : part.substring(colon + 1).split(",")) {
            keys.add(Long.parseLong(key));
        }
        rows.computeIfAbsent(table, ignored -> new HashSet<>()).addAll(keys);
    }

    private static String decoded(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
