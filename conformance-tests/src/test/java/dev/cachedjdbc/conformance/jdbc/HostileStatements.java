package dev.cachedjdbc.conformance.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Seeded random SQL over two small tables: well-formed reads combining the constructs the analyser handles (joins,
 * subqueries, CTEs, set operations, functions, literals, placeholders), and the odd and hostile: garbage, truncated
 * text, huge IN lists, deep nesting, odd Unicode, comment and quoting tricks, pairs of texts that differ only where a
 * careless cache key would not see it, and idempotent writes (some hidden behind comments or inside a CTE). The same
 * seed gives the same statements.
 */
final class HostileStatements {

    static final String CUSTOMER = "cj_h_customer";
    static final String ORDER = "cj_h_order";

    private static final String[] CUSTOMER_COLUMNS = {"id", "name", "country"};
    private static final String[] ORDER_COLUMNS = {"id", "customer_id", "amount", "note"};
    private static final String[] ODD_TEXT = {"", " ", "O'Brien", "Ünïcødé", "😀👍🏽", "\u200B", "a\u00A0b", "e\u0301",
            "\u05E9\u05DC\u05D5\u05DD", "tab\there", "line\nbreak", "--", "/*", "*/", ";", "?", "$$", "\\", "%", "_",
            "\u2028", "NULL", "𝔘𝔫𝔦"};
    private static final String[] GARBAGE_TOKENS = {"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "(", ")", ",", ";",
            "*", "=", "<>", "'x'", "'", "\"", "1", "-1", "1.5e3", "?", "--", "/*", "*/", "$$", "AS", "JOIN", "ON",
            "UNION", "GROUP BY", "ORDER BY", "WITH", "IN", "EXISTS", "NULL", CUSTOMER, ORDER, "id", "name", "😀",
            "\u00A0", "\t", "\n", "LIMIT", "CASE", "WHEN", "THEN", "END", "||", "::", "[", "]", "{", "}", "@", "#"};

    private final Random random;
    private final boolean postgres;
    private int writes;

    HostileStatements(long seed, boolean postgres) {
        this.random = new Random(seed);
        this.postgres = postgres;
    }

    List<GeneratedStatement> generate(int count) {
        List<GeneratedStatement> statements = new ArrayList<>(count);
        while (statements.size() < count) {
            statements.addAll(next());
        }
        return statements.subList(0, count);
    }

    /** One or a few statements (a collision family comes as a group, in shuffled order). */
    private List<GeneratedStatement> next() {
        int pick = random.nextInt(100);
        if (pick < 30) {
            return List.of(GeneratedStatement.read("read", query(2)));
        }
        if (pick < 40) {
            return List.of(preparedRead());
        }
        if (pick < 48) {
            return List.of(GeneratedStatement.read("garbage", garbage()));
        }
        if (pick < 56) {
            String whole = query(2);
            return List.of(GeneratedStatement.read("truncated", whole.substring(0, random.nextInt(whole.length()))));
        }
        if (pick < 60) {
            return List.of(hugeInList());
        }
        if (pick < 64) {
            return List.of(GeneratedStatement.read("deep nesting", deepNesting()));
        }
        if (pick < 70) {
            return List.of(GeneratedStatement.read("odd unicode", oddUnicode()));
        }
        if (pick < 80) {
            return List.of(GeneratedStatement.read("comment trick", commentTrick()));
        }
        if (pick < 92) {
            return collisionFamily();
        }
        return List.of(write());
    }

    // ---- well-formed reads ----------------------------------------------------------------------------------------

    String query(int depth) {
        int shape = random.nextInt(depth <= 0 ? 3 : 8);
        return switch (shape) {
            case 0 -> "select " + columns("c", CUSTOMER_COLUMNS) + " from " + CUSTOMER + " c" + where("c", depth);
            case 1 -> "select " + columns("o", ORDER_COLUMNS) + " from " + ORDER + " o" + where("o", depth);
            case 2 -> "select c.country, count(*) as n, " + aggregate() + " as a from " + CUSTOMER + " c join " + ORDER
                    + " o on o.customer_id = c.id" + where("o", depth) + " group by c.country"
                    + (random.nextBoolean() ? " having count(*) > " + random.nextInt(3) : "");
            case 3 -> "with t as (" + idQuery(depth - 1) + ") select t.id from t" + (random.nextBoolean()
                    ? " join " + CUSTOMER + " c on c.id = t.id" : "");
            case 4 -> idQuery(depth - 1) + " " + setOperation() + " " + idQuery(depth - 1);
            case 5 -> "select s.* from (" + query(depth - 1) + ") s";
            case 6 -> "select c.name, (select count(*) from " + ORDER + " o where o.customer_id = c.id) as orders from "
                    + CUSTOMER + " c" + where("c", depth - 1);
            default -> "select " + columns("c", CUSTOMER_COLUMNS) + ", " + columns("o", ORDER_COLUMNS) + " from "
                    + CUSTOMER + " c " + (random.nextBoolean() ? "left join " : "join ") + ORDER
                    + " o on o.customer_id = c.id" + where("c", depth - 1);
        };
    }

    private String idQuery(int depth) {
        return random.nextBoolean() ? "select id from " + CUSTOMER + " c" + where("c", depth)
                : "select customer_id as id from " + ORDER + " o" + where("o", depth);
    }

    private String setOperation() {
        String[] operations = {"union", "union all", "intersect", "except"};
        return operations[random.nextInt(operations.length)];
    }

    private String aggregate() {
        String[] aggregates = {"sum(o.amount)", "max(o.note)", "min(o.id)", "avg(o.amount)", "count(o.note)"};
        return aggregates[random.nextInt(aggregates.length)];
    }

    private String columns(String alias, String[] names) {
        if (random.nextInt(5) == 0) {
            return alias + ".*";
        }
        StringJoiner list = new StringJoiner(", ");
        int count = 1 + random.nextInt(names.length);
        for (int i = 0; i < count; i++) {
            String column = alias + "." + names[random.nextInt(names.length)];
            list.add(switch (random.nextInt(6)) {
                case 0 -> "coalesce(" + column + ", " + column + ")";
                case 1 -> column + " as " + quote(random.nextBoolean() ? "Label" : "label " + i);
                case 2 -> literal();
                default -> column;
            });
        }
        return list.toString();
    }

    private String where(String alias, int depth) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> " where " + alias + ".id " + comparison() + " " + random.nextInt(70);
            case 2 -> " where " + alias + ".id in (" + (depth > 0 ? idQuery(depth - 1) : "1, 2, 3") + ")";
            case 3 -> " where exists (select 1 from " + ORDER + " x where x.customer_id = " + alias + ".id)";
            case 4 -> " where " + alias + ".id between " + random.nextInt(10) + " and " + random.nextInt(40)
                    + " or " + alias + ".id is null";
            default -> " where lower(cast(" + alias + ".id as varchar(20))) like '" + random.nextInt(10) + "%'";
        };
    }

    private String comparison() {
        String[] operators = {"=", "<", ">", "<=", ">=", "<>"};
        return operators[random.nextInt(operators.length)];
    }

    private String literal() {
        return switch (random.nextInt(8)) {
            case 0 -> String.valueOf(random.nextInt(2000) - 1000);
            case 1 -> random.nextInt(100) + "." + random.nextInt(100);
            case 2 -> "'" + ODD_TEXT[random.nextInt(ODD_TEXT.length)].replace("'", "''") + "'";
            case 3 -> "null";
            case 4 -> "1e" + random.nextInt(5);
            case 5 -> "upper('" + ODD_TEXT[random.nextInt(ODD_TEXT.length)].replace("'", "''") + "')";
            case 6 -> "length('abc')";
            default -> "true";
        };
    }

    private GeneratedStatement preparedRead() {
        List<Object> parameters = new ArrayList<>();
        String sql = switch (random.nextInt(4)) {
            case 0 -> {
                parameters.add(random.nextInt(30));
                yield "select id, name from " + CUSTOMER + " where id > ?";
            }
            case 1 -> {
                parameters.add(ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
                yield "select count(*) from " + CUSTOMER + " where name = ? or '?' = name";
            }
            case 2 -> {
                parameters.add(random.nextInt(10));
                parameters.add(random.nextInt(60));
                yield "select o.id from " + ORDER + " o /* ? */ where o.customer_id = ? -- ?\n and o.id < ?";
            }
            default -> {
                parameters.add(random.nextInt(5));
                yield "with t as (select id from " + CUSTOMER + " where id > ?) select count(*) from t";
            }
        };
        return GeneratedStatement.prepared("prepared read", sql, parameters);
    }

    // ---- the hostile ----------------------------------------------------------------------------------------------

    private String garbage() {
        StringBuilder text = new StringBuilder();
        int tokens = 1 + random.nextInt(15);
        for (int i = 0; i < tokens; i++) {
            text.append(GARBAGE_TOKENS[random.nextInt(GARBAGE_TOKENS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return text.toString();
    }

    private GeneratedStatement hugeInList() {
        int size = 1000 + random.nextInt(9000);
        if (random.nextBoolean()) {
            StringJoiner values = new StringJoiner(",");
            for (int i = 0; i < size; i++) {
                values.add(String.valueOf(random.nextInt(size)));
            }
            return GeneratedStatement.read("huge IN list", "select id from " + ORDER + " where id in (" + values + ")");
        }
        int parameters = size / 4;
        StringJoiner marks = new StringJoiner(", ");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < parameters; i++) {
            marks.add("?");
            values.add(random.nextInt(parameters));
        }
        return GeneratedStatement.prepared("huge IN list", "select count(*) from " + ORDER + " where customer_id in ("
                + marks + ")", values);
    }

    private String deepNesting() {
        int depth = 10 + random.nextInt(random.nextBoolean() ? 60 : 400);
        return switch (random.nextInt(3)) {
            case 0 -> "select " + "(".repeat(depth) + random.nextInt(9) + ")".repeat(depth) + " as v";
            case 1 -> {
                String query = "select id from " + CUSTOMER;
                // H2's planner costs nested derived tables in exponential time: keep its depth modest
                int levels = Math.min(depth, postgres ? 40 : 6);
                for (int i = 0; i < levels; i++) {
                    query = "select id from (" + query + ") n" + i;
                }
                yield query;
            }
            default -> {
                String condition = "id = " + random.nextInt(20);
                int levels = Math.min(depth, 60);
                for (int i = 0; i < levels; i++) {
                    condition = "(" + condition + (random.nextBoolean() ? " or " : " and ") + "id <> " + i + ")";
                }
                yield "select id from " + CUSTOMER + " where " + condition;
            }
        };
    }

    private String oddUnicode() {
        String text = ODD_TEXT[random.nextInt(ODD_TEXT.length)];
        return switch (random.nextInt(5)) {
            case 0 -> "select '" + text.replace("'", "''") + "' as v";
            case 1 -> "select 1 as " + quote(text.isEmpty() ? "x" : text.replace("\"", "\"\""));
            case 2 -> "select count(*) from " + CUSTOMER + " where name = '" + text.replace("'", "''") + "'";
            case 3 -> "select\u00A0id from " + CUSTOMER;
            default -> "select id" + text + " from " + CUSTOMER;
        };
    }

    private String commentTrick() {
        String[] tricks = {
            "/* DELETE FROM " + ORDER + " */ select count(*) from " + ORDER,
            "select count(*) from " + ORDER + " -- ; DELETE FROM " + ORDER,
            "select '--' || name from " + CUSTOMER,
            "select '/*' || name || '*/' from " + CUSTOMER,
            "select 1 /* ; */ , 2",
            "select 1 -- 2",
            "select 2 -- 1",
            "select 1 --\n + 1",
            "select 1 /* + 1 */ + 2",
            "select name from " + CUSTOMER + " where name = 'x'';DELETE FROM " + ORDER + ";--'",
            "select \"--col\" from (select 1 as \"--col\") s",
            "select count(*) from " + CUSTOMER + " where name <> '*/ DELETE FROM " + ORDER + " /*'",
            "/* a */ select /* b */ count(*) /* c */ from /* d */ " + CUSTOMER + " /* e */",
            postgres ? "/* outer /* inner */ still a comment */ select 3" : "/* outer /* inner */ select 3",
            postgres ? "select $$ -- not a comment $$ as v" : "select 'no dollar quotes' as v",
            postgres ? "select $tag$it''s$tag$ as v" : "select 'it''s' as v",
            "select 1; select 2",
            "select count(*) from " + CUSTOMER + ";",
            "select count(*) from " + CUSTOMER + " /* never closed",
            "select count(*) from " + CUSTOMER + " /* a /* b */",
            "select count(*) from " + CUSTOMER + "; ;",
            "select 4 as v // 2",
            "select count(*) from " + CUSTOMER + " -- trailing comment without a line break",
        };
        return tricks[random.nextInt(tricks.length)];
    }

    /**
     * Texts that differ only in a literal's case, spacing or scale, a quote, a label's case, a comment that ends at a
     * line break, or how a parameter is bound: each must get its own answer, whatever order they come in.
     */
    private List<GeneratedStatement> collisionFamily() {
        List<GeneratedStatement> family = new ArrayList<>();
        switch (random.nextInt(8)) {
            case 7 -> {
                // the plain text first, so that a key that drops the odd character would find its entry
                String[] spaces = {"\u2028", "\u2029", "\u00A0", "\u3000", "\u000B", "\u001F", "\u200B"};
                family.add(GeneratedStatement.read("collision: unicode space", "select id from " + CUSTOMER));
                family.add(GeneratedStatement.read("collision: unicode space", "select id"
                        + spaces[random.nextInt(spaces.length)] + " from " + CUSTOMER));
                return family;
            }
            case 0 -> {
                family.add(GeneratedStatement.read("collision: literal case", "select 'abc' as v"));
                family.add(GeneratedStatement.read("collision: literal case", "select 'ABC' as v"));
                family.add(GeneratedStatement.read("collision: literal case", "select 'a b' as v"));
                family.add(GeneratedStatement.read("collision: literal spacing", "select 'a  b' as v"));
            }
            case 1 -> {
                family.add(GeneratedStatement.read("collision: scale", "select 1.0 as v"));
                family.add(GeneratedStatement.read("collision: scale", "select 1.00 as v"));
                family.add(GeneratedStatement.read("collision: exponent", "select 1e1 as v"));
                family.add(GeneratedStatement.read("collision: exponent", "select 10 as v"));
            }
            case 2 -> {
                family.add(GeneratedStatement.read("collision: label case", "select 1 as a"));
                family.add(GeneratedStatement.read("collision: label case", "select 1 as A"));
                family.add(GeneratedStatement.read("collision: label case", "select 1 as \"A\""));
                family.add(GeneratedStatement.read("collision: label case", "select 1 as \"a\""));
            }
            case 3 -> {
                family.add(GeneratedStatement.read("collision: quoted identifier", "select \"id\" from " + CUSTOMER));
                family.add(GeneratedStatement.read("collision: quoted identifier", "select \"ID\" from " + CUSTOMER));
                family.add(GeneratedStatement.read("collision: quoted identifier", "select id from " + CUSTOMER));
            }
            case 4 -> {
                family.add(GeneratedStatement.read("collision: comment end", "select 1 -- + 1\n + 1 as v"));
                family.add(GeneratedStatement.read("collision: comment end", "select 1 -- + 1 + 1 as v"));
                family.add(GeneratedStatement.read("collision: comment end", "select 1 /* + 1 */ + 1 as v"));
            }
            case 5 -> {
                family.add(GeneratedStatement.prepared("collision: binding", "select ? as v", List.of(1)));
                family.add(GeneratedStatement.prepared("collision: binding", "select ? as v", List.of("1")));
                family.add(GeneratedStatement.prepared("collision: binding", "select ? as v", List.of(1L)));
                family.add(GeneratedStatement.prepared("collision: binding", "select ? as v", List.of(1.0)));
            }
            default -> {
                if (postgres) {
                    // joined across a line break, rejected on one line: the valid one first
                    family.add(GeneratedStatement.read("collision: adjacent strings", "select 'x'\n'y'"));
                    family.add(GeneratedStatement.read("collision: adjacent strings", "select 'x' 'y'"));
                    family.add(GeneratedStatement.read("collision: escapes", "select E'a\\nb' as v"));
                    family.add(GeneratedStatement.read("collision: escapes", "select 'a\\nb' as v"));
                    family.add(GeneratedStatement.read("collision: dollar quote", "select $$a  b$$ as v"));
                    family.add(GeneratedStatement.read("collision: dollar quote", "select $$a b$$ as v"));
                    family.add(GeneratedStatement.read("collision: unicode escape", "select U&'\\0041' as v"));
                    return family;
                } else {
                    family.add(GeneratedStatement.read("collision: binary", "select X'0a' as v"));
                    family.add(GeneratedStatement.read("collision: binary", "select X'0A0B' as v"));
                    family.add(GeneratedStatement.read("collision: unicode escape", "select U&'\\0041' as v"));
                    family.add(GeneratedStatement.read("collision: unicode escape", "select 'A' as v"));
                }
            }
        }
        java.util.Collections.shuffle(family, random);
        return family;
    }

    /** Writes whose second run changes nothing more, so running them directly and then through the cache agree. */
    private GeneratedStatement write() {
        int id = 1 + random.nextInt(20);
        String value = "w" + (++writes);
        return switch (random.nextInt(postgres ? 5 : 4)) {
            case 0 -> GeneratedStatement.write("write", "update " + CUSTOMER + " set country = '" + value
                    + "' where id = " + id);
            case 1 -> GeneratedStatement.write("write behind a comment", "/* select 1 */ update " + ORDER
                    + " set note = '" + value + "' where customer_id = " + id + " -- select");
            case 2 -> GeneratedStatement.write("write", "update " + ORDER + " set amount = " + random.nextInt(500)
                    + ".25 where id = " + (1 + random.nextInt(60)));
            case 3 -> GeneratedStatement.write("write", "delete from " + ORDER + " where id = " + (1000 + writes));
            default -> GeneratedStatement.write("writable CTE", "with changed as (update " + CUSTOMER + " set country = '"
                    + value + "' where id = " + id + " returning id, country) select * from changed");
        };
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }
}
