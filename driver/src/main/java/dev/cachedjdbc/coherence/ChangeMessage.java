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
 * The text instances exchange on the change channel: who sent it, and either a heartbeat or what a write changed:
 * written (committed, announced inside its transaction or after its commit), or the opening and the closing of a
 * transaction's writes, announced before and after its commit under one write id (see {@code PostgresNotifyFeed}).
 * A table key is percent-encoded, so that no name (quoted names may hold spaces, colons, commas, any character) can
 * pass for the syntax. A message longer than the channel takes names whole tables instead of rows, and then every
 * table: it errs toward invalidating more.
 *
 * <pre>
 *   cj1 &lt;sender&gt; h &lt;sequence&gt;                           a heartbeat
 *   cj1 &lt;sender&gt; *                                      written: every table
 *   cj1 &lt;sender&gt; t:&lt;table&gt; r:&lt;table&gt;:&lt;k&gt;,&lt;k&gt; …          written: whole tables and rows of tables
 *   cj1 &lt;sender&gt; o &lt;write id&gt; &lt;tables as above, or *&gt;     opening
 *   cj1 &lt;sender&gt; c &lt;write id&gt; &lt;tables as above, or *&gt;     closing
 * </pre>
 * An instance that reads only the first three forms takes an opening or a closing for a write of every table: it
 * errs toward invalidating more.
 *
 * @param number the heartbeat's sequence, or the write id of an opening or a closing; -1 for a write announced whole
 */
public record ChangeMessage(Kind kind, String sender, long number, WrittenTables written) {

    /** What a message says. */
    public enum Kind {
        HEARTBEAT("h"),
        /** A write committed, heard whole. */
        WRITTEN(""),
        /** A transaction is about to commit these writes: they stay open until its closing. */
        OPENING("o"),
        /** The transaction of that opening has ended, committed or not. */
        CLOSING("c");

        private final String mark;

        Kind(String mark) {
            this.mark = mark;
        }
    }

    /** PostgreSQL refuses payloads of 8000 bytes or more; the rest is margin. */
    static final int MOST_BYTES = 7900;

    private static final String VERSION = "cj1";
    private static final long NO_NUMBER = -1;

    public static ChangeMessage heartbeat(String sender, long sequence) {
        return new ChangeMessage(Kind.HEARTBEAT, sender, sequence, null);
    }

    public static ChangeMessage written(String sender, WrittenTables written) {
        return new ChangeMessage(Kind.WRITTEN, sender, NO_NUMBER, written);
    }

    public static ChangeMessage opening(String sender, long writeId, WrittenTables written) {
        return new ChangeMessage(Kind.OPENING, sender, writeId, written);
    }

    public static ChangeMessage closing(String sender, long writeId, WrittenTables written) {
        return new ChangeMessage(Kind.CLOSING, sender, writeId, written);
    }

    public boolean isHeartbeat() {
        return kind == Kind.HEARTBEAT;
    }

    /** The heartbeat's sequence number. */
    public long heartbeat() {
        return number;
    }

    /** The write id of an opening or a closing: with the sender, it names one transaction's writes. */
    public long writeId() {
        return number;
    }

    /** The payload, within {@link #MOST_BYTES}. */
    public String encode() {
        String head = VERSION + " " + sender + " ";
        if (isHeartbeat()) {
            return head + kind.mark + " " + number;
        }
        if (kind != Kind.WRITTEN) {
            head += kind.mark + " " + number + " ";
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
        Kind kind = Kind.WRITTEN;
        long number = NO_NUMBER;
        int tablesFrom = 2;
        try {
            if (parts[2].equals(Kind.HEARTBEAT.mark) && parts.length == 4) {
                return heartbeat(sender, Long.parseLong(parts[3]));
            }
            if (parts[2].equals(Kind.OPENING.mark) || parts[2].equals(Kind.CLOSING.mark)) {
                kind = parts[2].equals(Kind.OPENING.mark) ? Kind.OPENING : Kind.CLOSING;
                number = Long.parseLong(parts[3]);
                tablesFrom = 4;
            }
        } catch (RuntimeException unreadable) {
            return written(sender, WrittenTables.EVERYTHING);
        }
        return new ChangeMessage(kind, sender, number, tables(parts, tablesFrom));
    }

    /** The tables named from this part on; every table when they cannot be read whole. */
    private static WrittenTables tables(String[] parts, int from) {
        try {
            if (parts.length == from + 1 && parts[from].equals("*")) {
                return WrittenTables.EVERYTHING;
            }
            Set<TableKey> whole = new HashSet<>();
            Map<TableKey, Set<Long>> rows = new HashMap<>();
            for (int i = from; i < parts.length; i++) {
                readTable(parts[i], whole, rows);
            }
            rows.keySet().removeAll(whole);
            return new WrittenTables(false, whole, rows);
        } catch (RuntimeException unreadable) {
            return WrittenTables.EVERYTHING;
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
