package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.TableKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable snapshot of what the catalog says about dependencies between tables, held by {@link TableKey}: its
 * methods take and give keys, as the connection and the table versions hold them.
 *
 * <p>The snapshot is as old as its load: objects created later (a new trigger, a new view) are unknown to it, so
 * the driver must load again after schema changes. Loading reads a handful of catalog queries; see
 * {@link #load(Connection, CatalogReader, Predicate)} for what it does to the connection's transaction.
 */
public final class SchemaDependencies {

    private static final SchemaDependencies NONE = new CatalogFacts().toDependencies();

    private final boolean everyWriteReachesUnknownTables;
    private final Map<TableKey, Set<TableKey>> cascadeTargets;
    private final Map<TableKey, Set<TableKey>> deleteCascadeTargets;
    private final Map<TableKey, Set<TableKey>> updateCascadeTargets;
    /** Per referenced relation and referencing relation, the columns whose update fires the ON UPDATE actions. */
    private final Map<TableKey, Map<TableKey, FiringColumns>> updateActionColumns;
    private final Map<TableKey, Set<TableKey>> inheritanceChildren;
    private final Map<TableKey, Set<TableKey>> inheritanceParents;
    private final Map<TableKey, Set<TableKey>> writeThroughTargets;
    private final Map<TableKey, Set<TableKey>> readingViews;
    private final Map<TableKey, Set<TableKey>> aliasTargets;
    /** Per relation with triggers or rules, the {@link RowEvents} on which they run. */
    private final Map<TableKey, Integer> writeHooked;
    /** Per relation with UPDATE OF triggers, the columns whose assignment runs one of them. */
    private final Map<TableKey, FiringColumns> updateOfTriggers;
    /** Relations linked to themselves (a self-referencing foreign key action, say): a write of them may cause any event. */
    private final Set<TableKey> selfLinked;
    private final Set<TableKey> uncacheableReads;
    private final Map<TableKey, String> rowKeyColumns;
    private final Map<TableKey, Map<String, ColumnKind>> exactColumns;
    private final UserCode userCode;

    SchemaDependencies(CatalogFacts facts) {
        everyWriteReachesUnknownTables = facts.everyWriteReachesUnknownTables;
        cascadeTargets = frozen(facts.cascadeTargets);
        deleteCascadeTargets = frozen(facts.deleteCascadeTargets);
        updateCascadeTargets = frozen(facts.updateCascadeTargets);
        Map<TableKey, Map<TableKey, FiringColumns>> actionColumns = new HashMap<>();
        facts.updateActionColumns.forEach((referenced, columns) -> actionColumns.put(referenced, Map.copyOf(columns)));
        updateActionColumns = Map.copyOf(actionColumns);
        inheritanceChildren = frozen(facts.inheritanceChildren);
        inheritanceParents = frozen(facts.inheritanceParents);
        writeThroughTargets = frozen(facts.writeThroughTargets);
        readingViews = frozen(facts.readingViews);
        aliasTargets = frozen(facts.aliasTargets);
        writeHooked = Map.copyOf(facts.writeHooked);
        updateOfTriggers = Map.copyOf(facts.updateOfTriggers);
        selfLinked = Set.copyOf(facts.selfLinked);
        uncacheableReads = Set.copyOf(closeOverPlainViews(facts));
        rowKeyColumns = Map.copyOf(facts.rowKeyColumns());
        exactColumns = Map.copyOf(facts.exactColumns());
        userCode = facts.userCodeNames.isEmpty() && facts.userCodeReads.isEmpty() && facts.userCodeEverywhere == null
                && facts.failSafeReasons.isEmpty()
                ? UserCode.NONE
                : new UserCode(facts.userCodeNames, facts.writingUserCodeNames,
                        closeOverPlainViews(facts.writingUserCodeReads, facts), facts.userCodeEverywhere,
                        facts.userCodeEverywhereWrites, facts.failSafeReasons);
    }

    /**
     * Reads the catalog of the delegate's database with the database's reader. {@code cacheableViewDefinition} says
     * whether a plain view's defining query may be cached; it is asked once per view, and a view whose definition
     * cannot be read, or for which the test fails or throws, is never cached.
     *
     * <p>On a connection in autocommit mode every query is its own transaction and nothing stays open. On a
     * connection in a transaction the queries run inside it under a savepoint, so that a failing catalog query does
     * not abort the caller's work; nothing is committed or rolled back, but a transaction that was not yet begun is
     * begun. The driver should therefore load on a connection in autocommit mode.
     *
     * @throws SQLException when the catalog cannot be read; no snapshot is made, and the caller must fall back to
     *                      invalidating everything on any write and caching nothing it is unsure of
     */
    public static SchemaDependencies load(Connection delegate, CatalogReader reader,
            Predicate<String> cacheableViewDefinition) throws SQLException {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(cacheableViewDefinition, "cacheableViewDefinition");
        Predicate<String> judge = definition -> definition != null && judgedCacheable(cacheableViewDefinition, definition);
        CatalogFacts facts = new CatalogFacts();
        CallerTransactionGuard.read(delegate, connection -> {
            reader.read(connection, judge, facts);
            return facts;
        });
        return facts.toDependencies();
    }

    /**
     * Nothing known (used before the first load): a write reaches only the tables it names and every read may be
     * cached. It claims there are no triggers or views, so it is safe only where none can exist yet.
     */
    public static SchemaDependencies none() {
        return NONE;
    }

    /**
     * Every invalidation key a write to these tables may change: the tables themselves; tables whose rows change
     * through ON DELETE/ON UPDATE CASCADE, SET NULL or SET DEFAULT foreign keys (transitively); partitions and
     * inheritance parents/children (PostgreSQL); base tables of a written (updatable) view; and every view or
     * materialized view that reads any of those (transitively).
     *
     * <p>Inheritance is followed down from a written table (its rows may live in children) and then up from every
     * table whose rows changed (a parent's reads include its children's rows), but not sideways: writing one
     * partition does not change its sibling.
     */
    public Set<TableKey> expandWrite(Collection<TableKey> writtenKeys) {
        return expandWrite(writtenKeys, RowEvents.ANY_WRITE);
    }

    /**
     * As {@link #expandWrite(Collection)}, but a foreign key action of a written table is followed only when the
     * write may cause its event ({@code events}): inserting into a referenced table fires no ON DELETE or ON UPDATE
     * action, and an update that assigns none of a foreign key's referenced columns fires none of its ON UPDATE
     * actions. Every table reached otherwise (through a view, inheritance or another action) has all its actions
     * followed, as their events are not known.
     */
    public Set<TableKey> expandWrite(Collection<TableKey> writtenKeys, RowEvents events) {
        Set<TableKey> changed = tablesWithChangedRows(writtenKeys, events, new HashSet<>());
        Set<TableKey> expanded = new HashSet<>(changed);
        addReachable(changed, readingViews, expanded);
        return Set.copyOf(expanded);
    }

    /**
     * Every relation whose reads include rows of these relations: the relations themselves and what a synonym of
     * theirs names, their inheritance children and partitions (whose rows are theirs), the parents of all those
     * (whose reads include their rows), and every view, materialized view or synonym over any of them, however deep.
     * Siblings are not reached: a partition's rows are not its sibling's.
     */
    public Set<TableKey> readersOf(Collection<TableKey> keys) {
        Set<TableKey> rowsOf = new HashSet<>(keys);
        addReachable(Set.copyOf(rowsOf), aliasTargets, rowsOf);
        addReachable(Set.copyOf(rowsOf), inheritanceChildren, rowsOf);
        addReachable(Set.copyOf(rowsOf), inheritanceParents, rowsOf);
        Set<TableKey> readers = new HashSet<>(rowsOf);
        addReachable(rowsOf, readingViews, readers);
        return Set.copyOf(readers);
    }

    /**
     * True when writing these tables may write tables nobody can name: a table with triggers (or, on PostgreSQL,
     * rules); the driver then invalidates everything. Also true for GENERIC databases where triggers cannot be seen.
     * Triggers count on every table the write changes, including those reached through cascades and inheritance.
     */
    public boolean writeReachesUnknownTables(Collection<TableKey> writtenKeys) {
        return writeReachesUnknownTables(writtenKeys, RowEvents.ANY_WRITE);
    }

    /**
     * As {@link #writeReachesUnknownTables(Collection)}, following foreign key actions as
     * {@link #expandWrite(Collection, RowEvents)} does, and counting a written table's triggers only when they run
     * on an event the write may cause there (an UPDATE OF trigger only when the write may assign one of its
     * columns). A table whose rows change any other way (an action, a view, inheritance, even when the statement
     * names it too) counts with all its triggers.
     */
    public boolean writeReachesUnknownTables(Collection<TableKey> writtenKeys, RowEvents events) {
        if (everyWriteReachesUnknownTables) {
            return true;
        }
        if (writeHooked.isEmpty() && updateOfTriggers.isEmpty()) {
            return false;
        }
        Set<TableKey> followed = new HashSet<>();
        for (TableKey key : tablesWithChangedRows(writtenKeys, events, followed)) {
            Integer hooked = writeHooked.get(key);
            FiringColumns updateOf = updateOfTriggers.get(key);
            if (hooked == null && updateOf == null) {
                continue;
            }
            boolean eventsKnown = writtenKeys.contains(key) && !followed.contains(key) && !selfLinked.contains(key);
            int caused = eventsKnown ? events.on(key) : RowEvents.ANY;
            if (hooked != null && (hooked & caused) != 0) {
                return true;
            }
            if (updateOf != null && (caused & RowEvents.UPDATES) != 0
                    && updateOf.firedBy(eventsKnown ? events.assignedColumns(key) : null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The column by whose integer values instances name this table's rows to each other (announcements, the
     * database's log), or null when they may not: the table's single-column integer primary key, when every relation
     * of that bare name has the same one and no foreign key action or inheritance links relations of that name to each
     * other. Within one instance reads and writes are matched by any of the {@link #exactColumns}.
     */
    public String rowKeyColumn(TableKey tableKey) {
        return rowKeyColumns.isEmpty() ? null : rowKeyColumns.get(tableKey);
    }

    /**
     * The columns of this table whose values the database compares exactly, with what they hold (see
     * {@link ColumnKind}), by their stored names; empty when there are none or the name is shared by relations that
     * do not all have them, or linked to itself by a foreign key action or inheritance. Reads and writes confined by
     * equalities on these columns may be matched by their values.
     */
    public Map<String, ColumnKind> exactColumns(TableKey tableKey) {
        return exactColumns.getOrDefault(tableKey, Map.of());
    }

    /**
     * True when a statement writing {@code writtenKeys} changes rows of {@code tableKey} only as its own text says:
     * the table is one of them, has {@link #exactColumns}, and no foreign key action, inheritance link or view leads
     * to it from any written relation (itself included), so no row of it changes on the side.
     */
    public boolean changesOnlyRowsItNames(TableKey tableKey, Collection<TableKey> writtenKeys) {
        return changesOnlyRowsItNames(tableKey, writtenKeys, RowEvents.ANY_WRITE);
    }

    /**
     * As {@link #changesOnlyRowsItNames(TableKey, Collection)}, following the foreign key actions of the written
     * tables only on the events the write may cause (see {@link #expandWrite(Collection, RowEvents)}).
     */
    public boolean changesOnlyRowsItNames(TableKey tableKey, Collection<TableKey> writtenKeys, RowEvents events) {
        if (exactColumns(tableKey).isEmpty()) {
            return false;
        }
        Set<TableKey> reached = new HashSet<>();
        Deque<TableKey> pending = new ArrayDeque<>();
        for (TableKey written : new HashSet<>(writtenKeys)) {
            if (causesEverything(written, events)) {
                pending.push(written);
                continue;
            }
            for (Set<TableKey> next : List.of(writeThroughTargets.getOrDefault(written, Set.of()),
                    inheritanceChildren.getOrDefault(written, Set.of()), inheritanceParents.getOrDefault(written, Set.of()),
                    cascadesFiredBy(written, events))) {
                for (TableKey relation : next) {
                    if (reached.add(relation)) {
                        pending.push(relation);
                    }
                }
            }
        }
        while (!pending.isEmpty()) {
            TableKey relation = pending.pop();
            for (Map<TableKey, Set<TableKey>> edges : List.of(writeThroughTargets, inheritanceChildren, cascadeTargets,
                    inheritanceParents)) {
                for (TableKey next : edges.getOrDefault(relation, Set.of())) {
                    if (reached.add(next)) {
                        pending.push(next);
                    }
                }
            }
        }
        return !reached.contains(tableKey);
    }

    /**
     * True when a read of this table or view must never be cached: PostgreSQL tables with row-level security
     * (relrowsecurity) and sequences, views reading such relations, views whose definition is not cacheable by the
     * analyser (e.g. it calls now() or a user function) or runs users' code (see {@link UserCode}), and H2 tables with
     * a SELECT trigger. Views over such views inherit the verdict; materialized views do not, since their rows are
     * fixed until refreshed.
     */
    public boolean isUncacheableRead(TableKey tableKey) {
        return !uncacheableReads.isEmpty() && uncacheableReads.contains(tableKey);
    }

    /** The users' code statements may run on this database, by the names they can reach it under. */
    public UserCode userCode() {
        return userCode;
    }

    /** For diagnostics: every key {@link #isUncacheableRead(TableKey)} is true for. */
    public Set<TableKey> uncacheableReads() {
        return uncacheableReads;
    }

    /**
     * The written relations, what writes through views land in, the children their rows may live in, what foreign
     * key actions change in turn, and the parents whose reads include any of those rows. The written views
     * themselves stay in, since INSTEAD OF triggers and rules hang on them.
     */
    private Set<TableKey> tablesWithChangedRows(Collection<TableKey> writtenKeys, RowEvents events,
            Set<TableKey> followed) {
        Set<TableKey> written = new HashSet<>(writtenKeys);
        Set<TableKey> rowsChanged = new HashSet<>(written);
        // Into followed: tables whose every foreign key action is followed; a written table whose events are known
        // has only the actions of those events followed, unless another table's change leads back to it.
        for (TableKey relation : written) {
            if (causesEverything(relation, events)) {
                followed.add(relation);
                continue;
            }
            for (TableKey reached : cascadesFiredBy(relation, events)) {
                rowsChanged.add(reached);
                followed.add(reached);
            }
            for (TableKey reached : union(writeThroughTargets.get(relation), inheritanceChildren.get(relation))) {
                rowsChanged.add(reached);
                followed.add(reached);
            }
        }
        Set<TableKey> throughViews = new HashSet<>();
        addReachable(followed, writeThroughTargets, throughViews);
        rowsChanged.addAll(throughViews);
        followed.addAll(throughViews);
        Deque<TableKey> pending = new ArrayDeque<>(followed);
        while (!pending.isEmpty()) {
            TableKey relation = pending.pop();
            for (TableKey reached : union(inheritanceChildren.get(relation), cascadeTargets.get(relation))) {
                rowsChanged.add(reached);
                if (followed.add(reached)) {
                    pending.push(reached);
                }
            }
        }
        Set<TableKey> changedForReaders = new HashSet<>(rowsChanged);
        addReachable(rowsChanged, inheritanceParents, changedForReaders);
        return changedForReaders;
    }

    /** The write may cause every event on this table and assign any of its columns: every action may fire. */
    private static boolean causesEverything(TableKey written, RowEvents events) {
        return events.on(written) == RowEvents.ANY && events.assignedColumns(written) == null;
    }

    /**
     * The tables whose rows the foreign key actions of {@code referenced} change on the events the write causes there:
     * ON DELETE actions on a delete, ON UPDATE actions on an update that assigns one of their referenced columns.
     */
    private Set<TableKey> cascadesFiredBy(TableKey referenced, RowEvents events) {
        int fired = events.on(referenced);
        Set<TableKey> deleted = (fired & RowEvents.DELETES) == 0 ? null : deleteCascadeTargets.get(referenced);
        Set<TableKey> updated = (fired & RowEvents.UPDATES) == 0 ? null : updateCascadeTargets.get(referenced);
        if (updated == null) {
            return union(deleted, null);
        }
        Map<TableKey, FiringColumns> columns = updateActionColumns.getOrDefault(referenced, Map.of());
        Set<String> assigned = events.assignedColumns(referenced);
        Set<TableKey> fromUpdates = new HashSet<>();
        for (TableKey referencing : updated) {
            if (columns.getOrDefault(referencing, FiringColumns.ANY).firedBy(assigned)) {
                fromUpdates.add(referencing);
            }
        }
        return union(deleted, fromUpdates);
    }

    /** Adds to {@code into} everything reachable from {@code from} along {@code edges}, transitively. */
    private static void addReachable(Collection<TableKey> from, Map<TableKey, Set<TableKey>> edges,
            Set<TableKey> into) {
        if (edges.isEmpty()) {
            return;
        }
        Deque<TableKey> pending = new ArrayDeque<>(from);
        while (!pending.isEmpty()) {
            for (TableKey reached : edges.getOrDefault(pending.pop(), Set.of())) {
                if (into.add(reached)) {
                    pending.push(reached);
                }
            }
        }
    }

    private static Set<TableKey> union(Set<TableKey> first, Set<TableKey> second) {
        if (first == null) {
            return second == null ? Set.of() : second;
        }
        if (second == null) {
            return first;
        }
        Set<TableKey> both = new HashSet<>(first);
        both.addAll(second);
        return both;
    }

    /**
     * Row security, sequences, uncacheable definitions and relations whose reading runs users' code, spread to every
     * plain view that reads them, however deep.
     */
    private static Set<TableKey> closeOverPlainViews(CatalogFacts facts) {
        Set<TableKey> uncacheable = new HashSet<>(facts.rowSecured);
        uncacheable.addAll(facts.sequences);
        uncacheable.addAll(facts.uncacheableViews);
        uncacheable.addAll(facts.userCodeReads);
        return closeOverPlainViews(uncacheable, facts);
    }

    /** These relations and every plain view that reads any of them, however deep (reading a plain view reads them). */
    private static Set<TableKey> closeOverPlainViews(Set<TableKey> relations, CatalogFacts facts) {
        Set<TableKey> closed = new HashSet<>(relations);
        Deque<TableKey> pending = new ArrayDeque<>(closed);
        while (!pending.isEmpty()) {
            for (TableKey reader : facts.readingViews.getOrDefault(pending.pop(), Set.of())) {
                if (facts.plainViews.contains(reader) && closed.add(reader)) {
                    pending.push(reader);
                }
            }
        }
        return closed;
    }

    private static boolean judgedCacheable(Predicate<String> cacheableViewDefinition, String definition) {
        try {
            return cacheableViewDefinition.test(definition);
        } catch (RuntimeException misjudged) {
            return false;
        }
    }

    private static Map<TableKey, Set<TableKey>> frozen(Map<TableKey, Set<TableKey>> edges) {
        Map<TableKey, Set<TableKey>> copy = new HashMap<>();
        edges.forEach((from, to) -> copy.put(from, Set.copyOf(to)));
        return Map.copyOf(copy);
    }
}
