package dev.cachedjdbc.config;

import dev.cachedjdbc.analysis.Dialect;
import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.analysis.TableName;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The text form of a list of tables: comma-separated names, each optionally qualified ({@code audit.events}) and
 * with parts quoted as SQL quotes them ({@code "Line Items"}, {@code `x`}, {@code [x]}), read by
 * {@link Dialect#parseTableNames(String)}. Each name is reduced to the key reads and writes meet under
 * ({@link TableName#key()}), so an exclusion matches the table whatever schema or case a statement names it with.
 * The settings do not know the database, so a name gets the key of every dialect: a name longer than PostgreSQL
 * keeps also excludes the table stored under its first 63 bytes.
 */
final class TableListSyntax {

    static final String FORMS = "comma-separated table names of at most three parts, each plain or quoted as the"
            + " database quotes (orders, audit.events, \"Line Items\", PostgreSQL's U&\"…\"); empty for none";

    private TableListSyntax() {
    }

    /** @throws IllegalArgumentException with the reason, when the text is no list of table names */
    static Set<TableKey> parse(String text) {
        Set<TableKey> keys = new LinkedHashSet<>();
        for (Dialect dialect : Dialect.values()) {
            for (TableName table : dialect.parseTableNames(text)) {
                keys.add(table.key());
            }
        }
        return keys;
    }
}
