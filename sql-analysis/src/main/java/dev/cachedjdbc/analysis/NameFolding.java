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

    /** Folds one name part: quoted parts lose their quotes and keep their case, unquoted parts fold. */
    static String fold(String part, Dialect dialect) {
        if (part == null || part.isEmpty()) {
            return part;
        }
        char first = part.charAt(0);
        char last = part.charAt(part.length() - 1);
        if (part.length() >= 2 && ((first == '"' && last == '"') || (first == '`' && last == '`'))) {
            String inner = part.substring(1, part.length() - 1);
            return inner.replace(String.valueOf(first) + first, String.valueOf(first));
        }
        if (part.length() >= 2 && first == '[' && last == ']') {
            return part.substring(1, part.length() - 1);
        }
        return dialect.foldUnquoted(part);
    }

    static boolean isQuoted(String part) {
        return part != null && !part.isEmpty() && (part.charAt(0) == '"' || part.charAt(0) == '`' || part.charAt(0) == '[');
    }
}
