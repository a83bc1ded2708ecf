package dev.cachedjdbc.driver;

import dev.cachedjdbc.analysis.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text form of a list of tables: comma-separated names, each optionally qualified ({@code audit.events}) and
 * with parts quoted as SQL quotes them ({@code "Line Items"}, {@code `x`}, {@code [x]}). Each name is reduced to
 * the keys reads and writes meet under ({@link Dialect#invalidationKey(String)}), so an exclusion matches the table
 * whatever schema or case a statement names it with. The settings do not know the database, so a name gets the key
 * of every dialect: a name longer than PostgreSQL keeps also excludes the table stored under its first 63 bytes.
 */
final class TableListSyntax {

    static final String FORMS = "comma-separated table names, optionally schema-qualified or quoted"
            + " (orders, audit.events, \"Line Items\"); empty for none";

    private final String text;
    private int position;

    private TableListSyntax(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException with the reason, when the text is no list of table names */
    static Set<String> parse(String text) {
        return new TableListSyntax(text).tables();
    }

    private Set<String> tables() {
        Set<String> keys = new LinkedHashSet<>();
        while (position < text.length()) {
            List<String> parts = qualifiedName();
            if (parts.size() == 1 && parts.get(0).isEmpty()) {
                continue; // tolerates "a,,b" and a trailing comma: nothing is named, so nothing is lost
            }
            for (String part : parts) {
                if (part.isEmpty()) {
                    throw new IllegalArgumentException("a part of a qualified table name is empty");
                }
            }
            for (Dialect dialect : Dialect.values()) {
                keys.add(dialect.invalidationKey(parts.get(parts.size() - 1)));
            }
        }
        return keys;
    }

    /**
     * The last part of one optionally qualified table name, quotes removed: {@code "Line Items"} of
     * {@code audit."Line Items"}.
     *
     * @throws IllegalArgumentException when the text is not one table name
     */
    static String lastPart(String qualifiedName) {
        TableListSyntax syntax = new TableListSyntax(qualifiedName);
        List<String> parts = syntax.qualifiedName();
        String last = parts.get(parts.size() - 1);
        if (syntax.position < qualifiedName.length() || qualifiedName.endsWith(",") || last.isEmpty()) {
            throw new IllegalArgumentException("not one table name: " + qualifiedName);
        }
        return last;
    }

    /** Reads up to and past the next comma outside quotes; returns the dot-separated parts, quotes removed. */
    private List<String> qualifiedName() {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean partQuoted = false;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == ',') {
                break;
            } else if (c == '.') {
                parts.add(finish(part, partQuoted));
                part.setLength(0);
                partQuoted = false;
            } else if (c == '"' || c == '`' || c == '[') {
                if (!part.toString().isBlank() || partQuoted) {
                    throw new IllegalArgumentException("a quote in the middle of a table name");
                }
                part.setLength(0);
                part.append(quoted(c == '[' ? ']' : c));
                partQuoted = true;
            } else if (partQuoted) {
                if (!Character.isWhitespace(c)) {
                    throw new IllegalArgumentException("text after a quoted table name");
                }
            } else {
                part.append(c);
            }
        }
        parts.add(finish(part, partQuoted));
        return parts;
    }

    private String quoted(char closing) {
        StringBuilder name = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c != closing) {
                name.append(c);
            } else if (position < text.length() && text.charAt(position) == closing) {
                name.append(c); // a doubled closing quote stands for itself
                position++;
            } else if (name.length() == 0) {
                throw new IllegalArgumentException("a quoted table name is empty");
            } else {
                return name.toString();
            }
        }
        throw new IllegalArgumentException("a quote is not closed");
    }

    private static String finish(StringBuilder part, boolean quoted) {
        if (quoted) {
            return part.toString();
        }
        String name = part.toString().strip();
        if (name.chars().anyMatch(Character::isWhitespace)) {
            // "orders events" is most likely a forgotten comma; excluding a table of that name would exclude nothing
            throw new IllegalArgumentException("an unquoted table name contains a space; separate names with commas");
        }
        return name;
    }
}
