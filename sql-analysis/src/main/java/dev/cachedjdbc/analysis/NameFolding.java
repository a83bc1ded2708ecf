package dev.cachedjdbc.analysis;

import java.util.List;

import net.sf.jsqlparser.schema.Table;

/** Turns names as JSqlParser keeps them (quotes included) into {@link TableName}s folded the dialect's way. */
final class NameFolding {

    private NameFolding() {
    }

    static TableName tableName(Table table, Dialect dialect) {
        List<String> parts = table.getNameParts();
        String name = fold(parts.isEmpty() ? table.getName() : parts.get(0), dialect);
        String schema = parts.size() > 1 ? fold(parts.get(1), dialect) : null;
        String catalog = parts.size() > 2 ? fold(parts.get(2), dialect) : null;
        return new TableName(catalog, schema, name);
    }

    /** True when the table reference has no schema or catalog, so a CTE of the same name can stand for it. */
    static boolean isUnqualified(Table table) {
        return table.getNameParts().size() <= 1;
    }

    /**
     * Folds one name part: quoted parts lose their quotes and keep their case, unquoted parts fold, and either is cut
     * to the length the dialect keeps. A {@code U&"…"} part is the name its escapes spell.
     */
    static String fold(String part, Dialect dialect) {
        if (part == null || part.isEmpty()) {
            return part;
        }
        char first = part.charAt(0);
        char last = part.charAt(part.length() - 1);
        if (part.length() >= 2 && ((first == '"' && last == '"') || (first == '`' && last == '`'))) {
            String inner = part.substring(1, part.length() - 1);
            return foldPart(inner.replace(String.valueOf(first) + first, String.valueOf(first)), true, dialect);
        }
        if (part.length() >= 2 && first == '[' && last == ']') {
            return foldPart(part.substring(1, part.length() - 1), true, dialect);
        }
        if (part.length() >= 4 && (first == 'U' || first == 'u') && part.charAt(1) == '&' && part.charAt(2) == '"'
                && last == '"') {
            String decoded = unicodeEscaped(part.substring(3, part.length() - 1).replace("\"\"", "\""));
            return decoded == null ? part : foldPart(decoded, true, dialect);
        }
        return foldPart(part, false, dialect);
    }

    /**
     * The name the dialect stores for one part of a name, given without quotes and with its escapes resolved: a quoted
     * part keeps its case, an unquoted one folds; either is cut to the length the dialect keeps.
     */
    static String foldPart(String text, boolean quoted, Dialect dialect) {
        return quoted ? dialect.quotedName(text) : dialect.foldUnquoted(text);
    }

    /**
     * The text of a {@code U&"…"} name with its default escapes resolved: {@code \XXXX} and {@code \+XXXXXX}
     * are code points in hexadecimal, {@code \\} is a backslash. Null when an escape is malformed, which the
     * database rejects. A name with its own escape character (UESCAPE) is not read here.
     */
    static String unicodeEscaped(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                decoded.append(c);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                decoded.append('\\');
                i += 2;
                continue;
            }
            boolean sixDigits = i + 1 < text.length() && text.charAt(i + 1) == '+';
            int start = sixDigits ? i + 2 : i + 1;
            int end = start + (sixDigits ? 6 : 4);
            if (end > text.length()) {
                return null;
            }
            int codePoint;
            try {
                codePoint = Integer.parseInt(text.substring(start, end), 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Character.isValidCodePoint(codePoint)) {
                return null;
            }
            decoded.appendCodePoint(codePoint);
            i = end;
        }
        return decoded.toString();
    }

    static boolean isQuoted(String part) {
        return part != null && !part.isEmpty() && (part.charAt(0) == '"' || part.charAt(0) == '`' || part.charAt(0) == '[');
    }
}
