package dev.cachedjdbc.analysis;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One statement of the analysis corpus with the verdict SQL semantics demand for it. A null expectation is not
 * asserted: texts with several statements leave {@code kind}, {@code reads} and {@code writes} open because no
 * single statement's answer applies to them.
 *
 * @param name             what the case pins down; the display name of its test
 * @param dialect          the dialect the text is analysed in
 * @param sql              the statement exactly as an application sends it
 * @param kind             the expected statement kind, or null
 * @param reads            the expected tables read, as {@link TableName#toString()} gives them, or null
 * @param writes           the expected tables written, as {@link TableName#toString()} gives them, or null
 * @param cacheability     the expected verdict
 * @param writesEverything the expected {@link StatementAnalysis#writesUnknownTables()}
 * @param transaction      the expected transaction effect, or null
 * @param placeholders     the expected number of {@code ?} placeholders, or null
 * @param rows             the expected row restrictions, each as {@link #describe(RowRestriction)} gives it, by
 *                         table as {@link TableName#toString()} gives it; null when not asserted
 * @param tags             the constructs and statement sources the case stands for
 * @param effects          the expected {@link SessionEffect}s, or null when not asserted
 * @param assigns          the expected {@link StatementAnalysis#assignedColumns()}, by table as
 *                         {@link TableName#toString()} gives it; null when not asserted
 */
record CorpusCase(
        String name,
        Dialect dialect,
        String sql,
        StatementKind kind,
        Set<String> reads,
        Set<String> writes,
        Cacheability cacheability,
        boolean writesEverything,
        TransactionControl transaction,
        Integer placeholders,
        Map<String, String> rows,
        Set<String> tags,
        Set<SessionEffect> effects,
        Map<String, Set<String>> assigns) {

    boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    String describeExpectation() {
        return "kind=" + orOpen(kind)
                + " reads=" + orOpen(reads == null ? null : Corpus.sorted(reads))
                + " writes=" + orOpen(writes == null ? null : Corpus.sorted(writes))
                + " cacheable=" + cacheability
                + " writesEverything=" + writesEverything
                + " transaction=" + orOpen(transaction)
                + " placeholders=" + orOpen(placeholders)
                + " rows=" + orOpen(rows == null ? null : new TreeMap<>(rows))
                + " effects=" + orOpen(effects == null ? null : new TreeSet<>(effects))
                + " assigns=" + orOpen(assigns == null ? null : sorted(assigns));
    }

    /**
     * A restriction as the corpus writes it: {@code id in (?3)}, {@code id in (?1, ?2, 7)}, {@code i_id in (?2) and
     * u_id in (?3)}, {@code title in ('Main')}; an upsert confined through its conflict target ends in
     * {@code by unique index}.
     */
    static String describe(RowRestriction restriction) {
        StringBuilder text = new StringBuilder();
        for (RowRestriction.ColumnValues column : restriction.columns()) {
            text.append(text.length() == 0 ? "" : " and ").append(column.column()).append(" in (");
            for (int i = 0; i < column.values().size(); i++) {
                text.append(i == 0 ? "" : ", ").append(describe(column.values().get(i)));
            }
            text.append(')');
        }
        return restriction.throughUniqueIndex() ? text.append(" by unique index").toString() : text.toString();
    }

    private static String describe(RowKeyValue value) {
        if (value instanceof RowKeyValue.Parameter parameter) {
            return "?" + parameter.index();
        }
        if (value instanceof RowKeyValue.IntegerLiteral literal) {
            return String.valueOf(literal.value());
        }
        return "'" + ((RowKeyValue.TextLiteral) value).value().replace("'", "''") + "'";
    }

    /** The restrictions of an analysis as the corpus writes them. */
    static Map<String, String> describe(Map<TableName, RowRestriction> restrictions) {
        Map<String, String> described = new TreeMap<>();
        restrictions.forEach((table, restriction) -> described.put(table.toString(), describe(restriction)));
        return described;
    }

    /** Assigned columns as the corpus writes them, in a stable order. */
    static Map<String, Set<String>> describeAssigned(Map<TableName, Set<String>> assigned) {
        Map<String, Set<String>> described = new TreeMap<>();
        assigned.forEach((table, columns) -> described.put(table.toString(), new TreeSet<>(columns)));
        return described;
    }

    private static Map<String, Set<String>> sorted(Map<String, Set<String>> assigns) {
        Map<String, Set<String>> sorted = new TreeMap<>();
        assigns.forEach((table, columns) -> sorted.put(table, new TreeSet<>(columns)));
        return sorted;
    }

    private static String orOpen(Object value) {
        return value == null ? "(not asserted)" : value.toString();
    }
}
