package dev.cachedjdbc.vendor.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of PostgreSQL's {@code test_decoding} output, read as far as invalidation needs it: a transaction's begin
 * or commit, a change to a table (with the values of its columns as printed, where it prints them), or a logical
 * message. Lines of any other shape are {@link Kind#UNKNOWN}; the feed treats them as a change to every table.
 *
 * <pre>
 *   BEGIN
 *   table public.orders: INSERT: id[integer]:7 note[text]:'a b'
 *   table public.orders: UPDATE: old-key: id[integer]:7 new-tuple: id[integer]:8 note[text]:null
 *   table "My Schema"."Odd ""name""": DELETE: (no-tuple-data)
 *   table public.orders: TRUNCATE: cascade
 *   message: transactional: 1 prefix: cached_jdbc, sz: 40 content:…
 *   COMMIT
 * </pre>
 *
 * @param table   the changed table's name as stored, without its schema; null for other kinds
 * @param columns for a change, each printed column's name (as stored) and value text (a quoted value unquoted, null
 *                for SQL NULL); empty when the line prints none
 * @param prefix  a message's prefix
 * @param content a message's content
 */
record DecodedChange(Kind kind, String table, List<Column> columns, String prefix, String content) {

    enum Kind {
        BEGIN, COMMIT, INSERT, UPDATE, DELETE, TRUNCATE, MESSAGE, UNKNOWN
    }

    /** A printed column; {@code value} is null for SQL NULL and for a TOASTed value the change left as it was. */
    record Column(String name, String value) {
    }

    private static final DecodedChange BEGIN = new DecodedChange(Kind.BEGIN, null, List.of(), null, null);
    private static final DecodedChange COMMIT = new DecodedChange(Kind.COMMIT, null, List.of(), null, null);
    private static final DecodedChange UNKNOWN = new DecodedChange(Kind.UNKNOWN, null, List.of(), null, null);
    private static final String TABLE = "table ";
    private static final String MESSAGE = "message: transactional: ";
    private static final String PREFIX = " prefix: ";
    private static final String CONTENT = " content:";

    static DecodedChange parse(String line) {
        if (line.equals("BEGIN") || line.startsWith("BEGIN ")) {
            return BEGIN;
        }
        if (line.equals("COMMIT") || line.startsWith("COMMIT ")) {
            return COMMIT;
        }
        if (line.startsWith(MESSAGE)) {
            return message(line);
        }
        if (line.startsWith(TABLE)) {
            try {
                return change(line);
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }

    private static DecodedChange message(String line) {
        int prefixAt = line.indexOf(PREFIX);
        int contentAt = line.indexOf(CONTENT);
        if (prefixAt < 0 || contentAt < prefixAt) {
            return UNKNOWN;
        }
        String prefixAndSize = line.substring(prefixAt + PREFIX.length(), contentAt);
        int comma = prefixAndSize.lastIndexOf(", sz: ");
        if (comma < 0) {
            return UNKNOWN;
        }
        return new DecodedChange(Kind.MESSAGE, null, List.of(), prefixAndSize.substring(0, comma),
                line.substring(contentAt + CONTENT.length()));
    }

    /** {@code table <schema>.<name>: <ACTION>: <columns>}, names quoted as quote_identifier quotes them. */
    private static DecodedChange change(String line) {
        Reader reader = new Reader(line, TABLE.length());
        reader.identifier(); // the schema: tables are keyed by their bare name
        reader.expect('.');
        String table = reader.identifier();
        reader.expect(':');
        reader.expect(' ');
        int actionEnd = line.indexOf(':', reader.position);
        Kind kind = Kind.valueOf(line.substring(reader.position, actionEnd));
        if (kind == Kind.BEGIN || kind == Kind.COMMIT || kind == Kind.MESSAGE || kind == Kind.UNKNOWN) {
            throw new IllegalArgumentException(line);
        }
        reader.position = actionEnd + 1;
        List<Column> columns = new ArrayList<>();
        if (kind != Kind.TRUNCATE) {
            reader.columns(columns);
        }
        return new DecodedChange(kind, table, List.copyOf(columns), null, null);
    }

    /** Reads the printed text from left to right. */
    private static final class Reader {
        private final String line;
        private int position;

        Reader(String line, int position) {
            this.line = line;
            this.position = position;
        }

        void expect(char expected) {
            if (line.charAt(position) != expected) {
                throw new IllegalArgumentException("expected '" + expected + "' at " + position + " of " + line);
            }
            position++;
        }

        /** An identifier as quote_identifier prints it: bare, or in double quotes with inner quotes doubled. */
        String identifier() {
            if (line.charAt(position) == '"') {
                return quoted('"');
            }
            int start = position;
            while (position < line.length() && isBareIdentifierChar(line.charAt(position))) {
                position++;
            }
            if (position == start) {
                throw new IllegalArgumentException("no identifier at " + start + " of " + line);
            }
            return line.substring(start, position);
        }

        private static boolean isBareIdentifierChar(char c) {
            return c == '_' || c == '$' || Character.isLetterOrDigit(c);
        }

        private String quoted(char quote) {
            position++;
            StringBuilder text = new StringBuilder();
            while (true) {
                char c = line.charAt(position++);
                if (c == quote) {
                    if (position < line.length() && line.charAt(position) == quote) {
                        text.append(quote);
                        position++;
                        continue;
                    }
                    return text.toString();
                }
                text.append(c);
            }
        }

        /**
         * {@code name[type]:value} separated by spaces, with the markers {@code old-key:} and {@code new-tuple:}
         * between two lists, or {@code (no-tuple-data)}.
         */
        void columns(List<Column> columns) {
            while (position < line.length()) {
                expect(' ');
                if (line.startsWith("(no-tuple-data)", position)) {
                    position += "(no-tuple-data)".length();
                    continue;
                }
                if (line.startsWith("old-key:", position)) {
                    position += "old-key:".length();
                    continue;
                }
                if (line.startsWith("new-tuple:", position)) {
                    position += "new-tuple:".length();
                    continue;
                }
                String name = identifier();
                expect('[');
                int typeEnd = line.indexOf("]:", position);
                if (typeEnd < 0) {
                    throw new IllegalArgumentException("no type end in " + line);
                }
                position = typeEnd + 2;
                columns.add(new Column(name, value()));
            }
        }

        /** A quoted literal, null, unchanged-toast-datum, or a bare value up to the next space. */
        private String value() {
            if (line.charAt(position) == '\'') {
                return quoted('\'');
            }
            int end = line.indexOf(' ', position);
            String value = line.substring(position, end < 0 ? line.length() : end);
            position = end < 0 ? line.length() : end;
            return value.equals("null") || value.equals("unchanged-toast-datum") ? null : value;
        }
    }
}
