package dev.cachedjdbc.conformance.jdbc;

import java.util.List;

/**
 * One generated statement: its text, the parameters to bind in order (a statement with parameters is prepared), what
 * kind of input it is, and whether it writes (then its effect must show through the cache right after).
 */
record GeneratedStatement(String kind, String sql, List<Object> parameters, boolean writes) {

    static GeneratedStatement read(String kind, String sql) {
        return new GeneratedStatement(kind, sql, List.of(), false);
    }

    static GeneratedStatement prepared(String kind, String sql, List<Object> parameters) {
        return new GeneratedStatement(kind, sql, List.copyOf(parameters), false);
    }

    static GeneratedStatement write(String kind, String sql) {
        return new GeneratedStatement(kind, sql, List.of(), true);
    }

    @Override
    public String toString() {
        String text = sql.length() > 300 ? sql.substring(0, 300) + "… (" + sql.length() + " chars)" : sql;
        return kind + ": " + text + (parameters.isEmpty() ? "" : " with " + abbreviate(parameters));
    }

    private static String abbreviate(List<Object> parameters) {
        return parameters.size() > 10 ? parameters.subList(0, 10) + "… (" + parameters.size() + ")" : parameters.toString();
    }
}
