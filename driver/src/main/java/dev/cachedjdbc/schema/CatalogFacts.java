package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.TableKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog readers found, collected under the {@link TableKey}s of the relations. Relations of different
 * schemas that share a bare name share a key, so their facts merge: that can only widen invalidation or forbid
 * caching, never narrow it. Names of users' code are not relations and stay caseless strings.
 */
public final class CatalogFacts {

    final Map<TableKey, Set<TableKey>> cascadeTargets = new HashMap<>();
    /** The part of {@link #cascadeTargets} whose action fires when referenced rows are deleted. */
    final Map<TableKey, Set<TableKey>> deleteCascadeTargets = new HashMap<>();
    /** The part of {@link #cascadeTargets} whose action fires when referenced rows are updated. */
    final Map<TableKey, Set<TableKey>> updateCascadeTargets = new HashMap<>();
    /**
     * Per link of {@link #updateCascadeTargets}, from the referenced relation to the referencing one, the referenced
     * columns an update must assign to fire the actions (of every foreign key between relations of those names).
     */
    final Map<TableKey, Map<TableKey, FiringColumns>> updateActionColumns = new HashMap<>();
    final Map<TableKey, Set<TableKey>> inheritanceChildren = new HashMap<>();
    final Map<TableKey, Set<TableKey>> inheritanceParents = new HashMap<>();
    final Map<TableKey, Set<TableKey>> writeThroughTargets = new HashMap<>();
    final Map<TableKey, Set<TableKey>> readingViews = new HashMap<>();
    /** Other names of one relation (H2 synonyms), from the alias to what it names. */
    final Map<TableKey, Set<TableKey>> aliasTargets = new HashMap<>();
    final Set<TableKey> plainViews = new HashSet<>();
    /** Per relation with triggers or rules, the {@link RowEvents} on which they run. */
    final Map<TableKey, Integer> writeHooked = new HashMap<>();
    /** Per relation with UPDATE OF triggers, the columns an update must assign to run one; not in {@link #writeHooked}. */
    final Map<TableKey, FiringColumns> updateOfTriggers = new HashMap<>();
    final Set<TableKey> rowSecured = new HashSet<>();
    /** Relations whose rows change without any write naming them: sequences. */
    final Set<TableKey> sequences = new HashSet<>();
    final Set<TableKey> uncacheableViews = new HashSet<>();
    /** Relations linked to a relation of the same bare name: a row change there may come back to it. */
    final Set<TableKey> selfLinked = new HashSet<>();
    /** How many relations (tables, views, aliases, …, in every schema) share each key. */
    final Map<TableKey, Integer> relationsPerKey = new HashMap<>();
    /** Per key, the row-key column of each relation of that name that has one (see {@link #rowKeyColumn}). */
    final Map<TableKey, List<String>> rowKeyColumnsFound = new HashMap<>();
    /**
     * Per key, per relation of that name that has some (by its schema-qualified name), its exactly compared columns
     * (see {@link #exactColumn}).
     */
    final Map<TableKey, Map<String, Map<String, ColumnKind>>> exactColumnsFound = new HashMap<>();
    boolean everyWriteReachesUnknownTables;
    /** Names users' code is known by (see {@link UserCode}), lower case, with what each is. */
    final Map<String, String> userCodeNames = new HashMap<>();
    final Set<String> writingUserCodeNames = new HashSet<>();
    /** Relations whose reading runs users' code, and of those the ones whose code may write. */
    final Set<TableKey> userCodeReads = new HashSet<>();
    final Set<TableKey> writingUserCodeReads = new HashSet<>();
    /** Why users' code may run where no statement names it; null when it cannot. */
    String userCodeEverywhere;
    boolean userCodeEverywhereWrites;
    /** Why the driver fails safe for the whole database, for a warning. */
    final List<String> failSafeReasons = new ArrayList<>();

    /** The key of a relation by the name the catalog stores it under. */
    public static TableKey key(String relationName) {
        return TableKey.of(relationName);
    }

    /**
     * A name with case taken out as a {@link TableKey} takes it, for names that are not only relations: names of
     * users' code, and identifiers of a stored definition matched against both.
     */
    public static String caseless(String name) {
        return TableKey.of(name).name();
    }

    /**
     * A write to {@code referenced} may change rows of {@code referencing} through a foreign key action, on whichever
     * event: used where the catalog does not tell the events apart.
     */
    public void cascade(String referenced, String referencing) {
        cascade(referenced, referencing, true, true);
    }

    /**
     * Deleting rows of {@code referenced} ({@code onDelete}), updating them ({@code onUpdate}), or both, changes
     * rows of {@code referencing} through a foreign key action (CASCADE, SET NULL or SET DEFAULT).
     */
    public void cascade(String referenced, String referencing, boolean onDelete, boolean onUpdate) {
        cascade(referenced, referencing, onDelete, onUpdate, null);
    }

    /**
     * As {@link #cascade(String, String, boolean, boolean)}, with the referenced columns of the foreign key: its ON
     * UPDATE action fires only on an update that assigns one of them. {@code referencedColumns} is null (or empty)
     * when any update may fire it: the columns are not known, or one of them changes without being assigned (a
     * generated column, an H2 column with ON UPDATE).
     */
    public void cascade(String referenced, String referencing, boolean onDelete, boolean onUpdate,
            Collection<String> referencedColumns) {
        if (!onDelete && !onUpdate) {
            return;
        }
        link(cascadeTargets, key(referenced), key(referencing));
        if (onDelete) {
            link(deleteCascadeTargets, key(referenced), key(referencing));
        }
        if (onUpdate) {
            link(updateCascadeTargets, key(referenced), key(referencing));
            updateActionColumns.computeIfAbsent(key(referenced), ignored -> new HashMap<>())
                    .merge(key(referencing), FiringColumns.of(referencedColumns), FiringColumns::or);
        }
    }

    /** {@code child} inherits from, or is a partition of, {@code parent}. */
    public void inheritance(String parent, String child) {
        link(inheritanceChildren, key(parent), key(child));
        link(inheritanceParents, key(child), key(parent));
    }

    /** A plain view: reads {@code relation}, and a write through the view may land in it. */
    public void plainViewReads(String view, String relation) {
        plainViews.add(key(view));
        link(readingViews, key(relation), key(view));
        link(writeThroughTargets, key(view), key(relation));
    }

    /** A plain view whose dependencies are unknown or that reads nothing. */
    public void plainView(String view) {
        plainViews.add(key(view));
    }

    /** A materialized view computed from {@code relation}. Writes never pass through it. */
    public void materializedViewReads(String view, String relation) {
        link(readingViews, key(relation), key(view));
    }

    /** An alias that reads and writes {@code target} under another name (H2 synonyms). */
    public void alias(String alias, String target) {
        plainViews.add(key(alias));
        link(aliasTargets, key(alias), key(target));
        link(readingViews, key(target), key(alias));
        link(writeThroughTargets, key(alias), key(target));
    }

    /** Writing {@code relation} runs code that may write anything: a trigger or a rewrite rule, on every event. */
    public void writeHook(String relation) {
        writeHook(relation, RowEvents.ANY);
    }

    /**
     * Writing {@code relation} runs code that may write anything, but only on these {@link RowEvents}: triggers that
     * name their events (an AFTER DELETE trigger does not run on INSERT).
     */
    public void writeHook(String relation, int events) {
        writeHooked.merge(key(relation), events, (a, b) -> a | b);
    }

    /**
     * As {@link #writeHook(String, int)}, for a trigger that runs on an update only when it assigns one of
     * {@code updateColumns} (PostgreSQL's UPDATE OF); null or empty for a trigger that runs on every update. A
     * trigger that names a column whose value changes without being assigned (a generated column) must be given
     * without columns.
     */
    public void writeHook(String relation, int events, Collection<String> updateColumns) {
        FiringColumns columns = FiringColumns.of(updateColumns);
        if ((events & RowEvents.UPDATES) == 0 || columns == FiringColumns.ANY) {
            writeHook(relation, events);
            return;
        }
        writeHook(relation, events & ~RowEvents.UPDATES);
        updateOfTriggers.merge(key(relation), columns, FiringColumns::or);
    }

    public void rowSecurity(String table) {
        rowSecured.add(key(table));
    }

    /** A sequence: its one row changes with nextval, setval and serial inserts, none of them a write of it. */
    public void sequence(String name) {
        sequences.add(key(name));
    }

    public void uncacheableView(String view) {
        uncacheableViews.add(key(view));
    }

    /** A relation exists under this name (any kind, any schema). */
    public void relation(String name) {
        relationsPerKey.merge(key(name), 1, Integer::sum);
    }

    /**
     * {@code column} of {@code table} can tell rows apart for invalidation: the table's primary key is this one
     * column, of an integer type, not computed from other columns, and no other column has the same name in another
     * letter case.
     */
    public void rowKeyColumn(String table, String column) {
        rowKeyColumnsFound.computeIfAbsent(key(table), ignored -> new ArrayList<>()).add(column);
    }

    /**
     * Row keys of the keys where every relation of that name has the same row-key column, and where no foreign key
     * action or inheritance leads from a relation of that name to another of the same name.
     */
    Map<TableKey, String> rowKeyColumns() {
        Map<TableKey, String> columns = new HashMap<>();
        rowKeyColumnsFound.forEach((key, found) -> {
            boolean everyRelationHasIt = found.size() == relationsPerKey.getOrDefault(key, 0);
            boolean allTheSame = found.stream().distinct().count() == 1;
            if (everyRelationHasIt && allTheSame && !selfLinked.contains(key)) {
                columns.put(key, found.get(0));
            }
        });
        return columns;
    }

    /**
     * {@code column} of the table {@code schema.table} holds values the database compares exactly (see
     * {@link ColumnKind}): of one of those kinds, under a collation that compares code by code, stored as written
     * (not computed from other columns, not changed by the database when other columns are updated), and with no
     * other column of the same name in another letter case.
     */
    public void exactColumn(String schema, String table, String column, ColumnKind kind) {
        exactColumnsFound.computeIfAbsent(key(table), ignored -> new HashMap<>())
                .computeIfAbsent(schema + "." + table, ignored -> new HashMap<>())
                .put(column, kind);
    }

    /**
     * The exact columns of the keys where every relation of that name has them, of the same kind, and where no
     * foreign key action or inheritance leads from a relation of that name to another of the same name: a statement
     * names a relation by a name that any of them may answer to.
     */
    Map<TableKey, Map<String, ColumnKind>> exactColumns() {
        Map<TableKey, Map<String, ColumnKind>> columns = new HashMap<>();
        exactColumnsFound.forEach((key, byRelation) -> {
            if (byRelation.size() != relationsPerKey.getOrDefault(key, 0) || selfLinked.contains(key)) {
                return;
            }
            Map<String, ColumnKind> common = null;
            for (Map<String, ColumnKind> relationColumns : byRelation.values()) {
                if (common == null) {
                    common = new HashMap<>(relationColumns);
                } else {
                    common.entrySet().removeIf(entry -> entry.getValue() != relationColumns.get(entry.getKey()));
                }
            }
            if (common != null && !common.isEmpty()) {
                columns.put(key, Map.copyOf(common));
            }
        });
        return columns;
    }

    /**
     * Users' code a statement can run by naming {@code name} (a function, aggregate, operator, cast target type or
     * domain); {@code what} says what it is, for explanations.
     */
    public void userCode(String name, String what, boolean mayWrite) {
        String key = name.toLowerCase(Locale.ROOT);
        userCodeNames.putIfAbsent(key, what);
        if (mayWrite) {
            writingUserCodeNames.add(key);
            userCodeNames.put(key, what);
        }
    }

    /** Reading this relation runs users' code: a view that calls it, a table with a SELECT trigger or a policy. */
    public void readRunsUserCode(String relation, boolean mayWrite) {
        userCodeReads.add(key(relation));
        if (mayWrite) {
            writingUserCodeReads.add(key(relation));
        }
    }

    /** Users' code runs where no statement names it: nothing may be cached, and it may make any statement write. */
    public void userCodeEverywhere(String reason, boolean mayWrite) {
        if (userCodeEverywhere == null || (mayWrite && !userCodeEverywhereWrites)) {
            userCodeEverywhere = reason;
        }
        userCodeEverywhereWrites |= mayWrite;
        failSafeReasons.add(reason);
    }

    /** Users' code that may write runs on writes where no statement names it: every write may reach any table. */
    public void userCodeOnEveryWrite(String reason) {
        everyWriteReachesUnknownTables();
        failSafeReasons.add(reason);
    }

    /** The catalog cannot show what writes trigger, so every write must be assumed to reach any table. */
    public void everyWriteReachesUnknownTables() {
        everyWriteReachesUnknownTables = true;
    }

    SchemaDependencies toDependencies() {
        return new SchemaDependencies(this);
    }

    private void link(Map<TableKey, Set<TableKey>> edges, TableKey from, TableKey to) {
        if (from.equals(to)) {
            selfLinked.add(from);
        } else {
            edges.computeIfAbsent(from, ignored -> new HashSet<>()).add(to);
        }
    }
}
