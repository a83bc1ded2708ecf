package dev.cachedjdbc.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads table names as a user writes them outside a statement (a setting, a name handed to the driver): parts
 * separated by periods, at most catalog, schema and table, each unquoted or quoted as SQL quotes a name
 * ({@code "Line Items"} with {@code ""} for a quote, {@code `x`}, {@code [x]}, {@code U&"d\0061ta"}), white space
 * around a part ignored; names of a list are separated by commas. Each part folds through
 * {@link NameFolding#foldPart}, as the names in a statement's analysis do, so a name given here and the same name in
 * a statement have one {@link TableKey}.
 *
 * <p>The quotes accepted are the same in every dialect, as they are in the analysis: what differs between dialects
 * is how a part folds and where it is cut.
 */
final class TableNameSyntax {

    private static final int MOST_PARTS = 3;

    private final String text;
    private final Dialect dialect;
    private int position;
    private boolean endedAtComma;

    private TableNameSyntax(String text, Dialect dialect) {
        this.text = Objects.requireNonNull(text, "table name");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** @throws IllegalArgumentException naming the problem, when the text is not one table name */
    static TableName one(String text, Dialect dialect) {
        TableNameSyntax syntax = new TableNameSyntax(text, dialect);
        TableName name = syntax.name();
        if (syntax.endedAtComma) {
            throw new IllegalArgumentException("a comma outside quotes: one table name is expected, not a list");
        }
        if (name == null) {
            throw new IllegalArgumentException("no table name is given");
        }
        return name;
    }

    /**
     * The names of a comma-separated list; empty entries ({@code a,,b}, a trailing comma) name nothing and are skipped.
     *
     * @throws IllegalArgumentException naming the problem, when an entry is not one table name
     */
    static List<TableName> list(String text, Dialect dialect) {
        TableNameSyntax syntax = new TableNameSyntax(text, dialect);
        List<TableName> names = new ArrayList<>();
        while (syntax.position < text.length()) {
            TableName name = syntax.name();
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** Reads one name up to and past the comma after it; null when the entry is blank. */
    private TableName name() {
        List<String> parts = new ArrayList<>(MOST_PARTS);
        endedAtComma = false;
        while (true) {
            parts.add(part());
            if (position >= text.length()) {
                break;
            }
            if (text.charAt(position++) == ',') {
                endedAtComma = true;
                break;
            }
        }
        if (parts.size() == 1 && parts.get(0) == null) {
            return null;
        }
        if (parts.contains(null)) {
            throw new IllegalArgumentException("a part of a qualified table name is empty");
        }
        if (parts.size() > MOST_PARTS) {
            throw new IllegalArgumentException(
                    "a table name has at most three parts (catalog.schema.table), this one has " + parts.size());
        }
        int last = parts.size() - 1;
        return new TableName(last >= 2 ? parts.get(last - 2) : null, last >= 1 ? parts.get(last - 1) : null,
                parts.get(last));
    }

    /** Reads one part up to the period or comma after it, and folds it; null when it is blank. */
    private String part() {
        skipWhiteSpace();
        if (position >= text.length()) {
            return null;
        }
        char first = text.charAt(position);
        if (first == '"' || first == '`' || first == '[') {
            position++;
            String name = quoted(first == '[' ? ']' : first);
            expectEndOfPart();
            return NameFolding.foldPart(name, true, dialect);
        }
        if ((first == 'U' || first == 'u') && text.startsWith("&\"", position + 1)) {
            position += 3;
            String name = NameFolding.unicodeEscaped(quoted('"'));
            if (name == null) {
                throw new IllegalArgumentException("a Unicode escape in a quoted table name is malformed: write \\XXXX"
                        + " or \\+XXXXXX with hexadecimal digits, or \\\\ for a backslash");
            }
            expectEndOfPart();
            return NameFolding.foldPart(name, true, dialect);
        }
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '.' || c == ',') {
                break;
            }
            if (c == '"' || c == '`' || c == '[') {
                throw new IllegalArgumentException("a quote in the middle of a table name");
            }
            position++;
        }
        String name = text.substring(start, position).strip();
        if (name.isEmpty()) {
            return null;
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            // "orders events" is most likely a forgotten comma; a table of that name would match nothing
            throw new IllegalArgumentException(
                    "an unquoted table name contains a space; quote it, or separate names with commas");
        }
        return NameFolding.foldPart(name, false, dialect);
    }

    /** The text up to the closing quote, a doubled closing quote standing for itself; the opening one is read. */
    private String quoted(char closing) {
        StringBuilder name = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c != closing) {
                name.append(c);
            } else if (position < text.length() && text.charAt(position) == closing) {
                name.append(c);
                position++;
            } else if (name.length() == 0) {
                throw new IllegalArgumentException("a quoted table name is empty");
            } else {
                return name.toString();
            }
        }
        throw new IllegalArgumentException("a quote is not closed");
    }

    private void expectEndOfPart() {
        skipWhiteSpace();
        if (position < text.length() && text.charAt(position) != '.' && text.charAt(position) != ',') {
            throw new IllegalArgumentException("text after a quoted table name");
        }
    }

    private void skipWhiteSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
