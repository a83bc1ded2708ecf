package dev.cachedjdbc.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads {@code corpus.yaml} into {@link CorpusCase}s. It rejects what would make a case silently assert less than
 * its author meant: unknown keys, misspelt enum names, duplicate names, and {@code cacheable: false} (which would
 * not say why).
 */
final class Corpus {

    static final String RESOURCE = "/corpus.yaml";

    private static final Set<String> KNOWN_KEYS = Set.of("name", "dialect", "sql", "kind", "reads", "writes",
            "cacheable", "writesEverything", "transaction", "placeholders", "rows", "tags", "effects", "assigns");
    private static final Set<String> REQUIRED_KEYS = Set.of("name", "dialect", "sql", "cacheable");

    private static volatile List<CorpusCase> cases;

    private Corpus() {
    }

    /** Every case, in file order; loaded once. */
    static List<CorpusCase> cases() {
        List<CorpusCase> loaded = cases;
        if (loaded == null) {
            loaded = List.copyOf(load());
            cases = loaded;
        }
        return loaded;
    }

    static List<String> sorted(Collection<String> names) {
        return List.copyOf(new TreeSet<>(names));
    }

    private static List<CorpusCase> load() {
        Object document;
        try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            document = new Load(LoadSettings.builder().setLabel(RESOURCE).build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(document instanceof List<?> entries)) {
            throw new IllegalStateException(RESOURCE + " must be a YAML list of cases");
        }
        List<CorpusCase> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> statements = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            CorpusCase parsed = parse(entries.get(index), index);
            if (!names.add(parsed.name())) {
                throw new IllegalStateException("two cases are named '" + parsed.name() + "'");
            }
            if (!statements.add(parsed.dialect() + "\u0000" + parsed.sql())) {
                throw new IllegalStateException("case '" + parsed.name() + "' repeats the SQL of an earlier case in "
                        + parsed.dialect());
            }
            result.add(parsed);
        }
        return result;
    }

    private static CorpusCase parse(Object entry, int index) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new IllegalStateException("entry #" + (index + 1) + " is not a mapping");
        }
        String where = "entry #" + (index + 1) + " (" + fields.get("name") + ")";
        for (Object key : fields.keySet()) {
            if (!KNOWN_KEYS.contains(String.valueOf(key))) {
                throw new IllegalStateException(where + " has an unknown key '" + key + "'; known keys: " + KNOWN_KEYS);
            }
        }
        for (String key : REQUIRED_KEYS) {
            if (fields.get(key) == null) {
                throw new IllegalStateException(where + " lacks '" + key + "'");
            }
        }
        String sql = text(fields, "sql", where).stripTrailing();
        StatementKind kind = enumValue(StatementKind.class, fields.get("kind"), where);
        TransactionControl transaction = enumValue(TransactionControl.class, fields.get("transaction"), where);
        if (transaction == null && kind != null && kind != StatementKind.TRANSACTION_CONTROL) {
            // The analysis contract gives NONE to every other kind, so a case need not spell it out.
            transaction = TransactionControl.NONE;
        }
        return new CorpusCase(
                text(fields, "name", where),
                enumValue(Dialect.class, fields.get("dialect"), where),
                sql,
                kind,
                names(fields.get("reads"), "reads", where),
                names(fields.get("writes"), "writes", where),
                cacheability(fields.get("cacheable"), where),
                flag(fields.get("writesEverything"), where),
                transaction,
                count(fields.get("placeholders"), where),
                rows(fields.get("rows"), where),
                tags(fields.get("tags"), where),
                effects(fields.get("effects"), where),
                assigns(fields.get("assigns"), where));
    }

    private static String text(Map<?, ?> fields, String key, String where) {
        Object value = fields.get(key);
        if (!(value instanceof String string) || string.isBlank()) {
            throw new IllegalStateException(where + ": '" + key + "' must be non-blank text");
        }
        return string;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": '" + value + "' is not a " + type.getSimpleName(), e);
        }
    }

    private static Cacheability cacheability(Object value, String where) {
        if (Boolean.TRUE.equals(value)) {
            return Cacheability.CACHEABLE;
        }
        if (value instanceof Boolean) {
            throw new IllegalStateException(where + ": write the Cacheability that says why, not 'cacheable: false'");
        }
        return enumValue(Cacheability.class, value, where);
    }

    private static boolean flag(Object value, String where) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new IllegalStateException(where + ": 'writesEverything' must be true or false");
    }

    private static Integer count(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer number && number >= 0) {
            return number;
        }
        throw new IllegalStateException(where + ": 'placeholders' must be a non-negative whole number");
    }

    private static Set<String> names(Object value, String key, String where) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(where + ": '" + key + "' must be a list of table names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String name) || name.isBlank()) {
                throw new IllegalStateException(where + ": '" + key + "' holds '" + item + "', which is not a name");
            }
            if (!names.add(name)) {
                throw new IllegalStateException(where + ": '" + key + "' lists " + name + " twice");
            }
        }
        return Set.copyOf(names);
    }

    private static Map<String, String> rows(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(where + ": 'rows' must map table names to restrictions, {} for none");
        }
        Map<String, String> rows = new TreeMap<>();
        map.forEach((table, restriction) -> {
            if (!(table instanceof String name) || !(restriction instanceof String text) || text.isBlank()) {
                throw new IllegalStateException(where + ": 'rows' holds " + table + ": " + restriction
                        + ", which is not a table name and a restriction");
            }
            rows.put(name, text);
        });
        return Map.copyOf(rows);
    }

    /** The session effects a case expects, or null when it asserts none; [] asserts that there are none. */
    private static Set<SessionEffect> effects(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(where + ": 'effects' must be a list of SessionEffect names, [] for none");
        }
        Set<SessionEffect> effects = EnumSet.noneOf(SessionEffect.class);
        for (Object name : list) {
            effects.add(enumValue(SessionEffect.class, name, where));
        }
        return Set.copyOf(effects);
    }

    /** The columns a case expects assigned, by table, or null when it asserts none; {} asserts that none are listed. */
    private static Map<String, Set<String>> assigns(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(where + ": 'assigns' must map table names to lists of columns, {} for none");
        }
        Map<String, Set<String>> assigns = new TreeMap<>();
        map.forEach((table, columns) -> {
            if (!(table instanceof String name)) {
                throw new IllegalStateException(where + ": 'assigns' holds " + table + ", which is not a table name");
            }
            assigns.put(name, names(columns, "assigns", where));
        });
        return Map.copyOf(assigns);
    }

    private static Set<String> tags(Object value, String where) {
        Set<String> tags = names(value, "tags", where);
        return tags == null ? Set.of() : tags;
    }
}
