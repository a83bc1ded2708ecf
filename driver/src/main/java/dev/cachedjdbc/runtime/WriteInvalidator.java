package dev.cachedjdbc.runtime;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.RowSelection;
import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.coherence.ChangeListener;
import dev.cachedjdbc.connection.WriteSet;
import dev.cachedjdbc.connection.WrittenRows;
import dev.cachedjdbc.schema.RowEvents;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one way by which invalidations reach a database's table versions: a write through the driver (with what its
 * tables reach through foreign keys, views, inheritance and triggers, as the catalog says), a call of
 * {@link CacheControl#invalidateTable} or {@link CacheControl#invalidateAll}, writes of other instances heard on
 * the change feed, and whatever else learns of a write the driver did not run. One per database, shared by its
 * connections.
 */
public final class WriteInvalidator implements ChangeListener {

    private final DatabaseRuntime database;

    WriteInvalidator(DatabaseRuntime database) {
        this.database = database;
    }

    /** Opens a write of its own (a statement in autocommit) that makes these writes stale until it is closed. */
    public WriteScope open(WriteSet writes) {
        WriteScope scope = database.versions().openWriteScope();
        addTo(scope, writes);
        return scope;
    }

    /** Adds these writes to an open write (a transaction's), widened to what they reach. */
    public void addTo(WriteScope scope, WriteSet writes) {
        widen(writes.everything, writes.tables, writes, writes::rows, new Reach<WrittenRows>() {
            @Override
            public void everything() {
                scope.addEverything();
            }

            @Override
            public void rows(TableKey table, WrittenRows rows) {
                scope.addRows(table, rows.selections(), rows.announcedKeys());
            }

            @Override
            public void wholeTables(List<TableKey> tables) {
                scope.add(tables);
            }
        });
    }

    /** Where widened writes go: an open write scope, or the table versions at once. */
    private interface Reach<R> {
        void everything();

        void rows(TableKey table, R rows);

        void wholeTables(List<TableKey> tables);
    }

    /**
     * The one widening rule of every write, local or heard: a write whose reach the catalog cannot tell (or that is not
     * known at all) writes everything; otherwise the tables it reaches, each by row where {@code rows} gives rows for
     * it, else whole. Foreign key actions of the written tables are followed on the {@code events} the writes may
     * cause.
     */
    private <R> void widen(boolean everything, Collection<TableKey> tables, RowEvents events,
            BiFunction<TableKey, SchemaDependencies, R> rows, Reach<R> reach) {
        SchemaDependencies dependencies = database.dependencies();
        if (everything || !database.dependenciesKnown() || dependencies.writeReachesUnknownTables(tables, events)) {
            reach.everything();
            return;
        }
        List<TableKey> wholeTables = new ArrayList<>();
        for (TableKey table : dependencies.expandWrite(tables, events)) {
            R written = rows.apply(table, dependencies);
            if (written == null) {
                wholeTables.add(table);
            } else {
                reach.rows(table, written);
            }
        }
        reach.wholeTables(wholeTables);
    }

    /**
     * Every cached result that read this table is stale. The name is read as this database reads a table name
     * ({@link dev.cachedjdbc.analysis.Dialect#parseTableName}); one that is not one table name ({@code a, b}, an open
     * quote) invalidates everything rather than nothing.
     */
    public void invalidateTable(String tableName) {
        TableKey key;
        try {
            key = database.dialect().parseTableName(tableName).key();
        } catch (IllegalArgumentException e) {
            invalidateAll();
            return;
        }
        database.versions().invalidate(List.of(key));
    }

    /** Every cached result of the database is stale. */
    public void invalidateAll() {
        database.versions().invalidateAll();
    }

    /**
     * Another instance committed these writes. The sender widened them by its catalog; they are widened again by this
     * one's, which may know more (a view created since), and go by row only where this catalog also allows it. What
     * statements they were is not heard, so every foreign key action of their tables is followed.
     */
    @Override
    public void changed(WrittenTables written) {
        widenHeard(written, new Reach<RowSelection>() {
            @Override
            public void everything() {
                invalidateAll();
            }

            @Override
            public void rows(TableKey table, RowSelection rows) {
                database.versions().invalidateRows(table, rows);
            }

            @Override
            public void wholeTables(List<TableKey> wholeTables) {
                database.versions().invalidate(wholeTables);
            }
        });
    }

    /**
     * Another instance is about to commit these writes: widened as {@link #changed} widens them, into a write scope of
     * their own, which holds them open (no load fills them) as a transaction of this instance would, until it is
     * closed after the other instance's commit.
     */
    @Override
    public WriteScope opened(WrittenTables written) {
        WriteScope scope = database.versions().openWriteScope();
        widenHeard(written, new Reach<RowSelection>() {
            @Override
            public void everything() {
                scope.addEverything();
            }

            @Override
            public void rows(TableKey table, RowSelection rows) {
                scope.addRows(table, List.of(rows), null);
            }

            @Override
            public void wholeTables(List<TableKey> tables) {
                scope.add(tables);
            }
        });
        return scope;
    }

    private void widenHeard(WrittenTables written, Reach<RowSelection> reach) {
        Set<TableKey> tables = new HashSet<>(written.wholeTables());
        tables.addAll(written.rows().keySet());
        widen(written.everything(), tables, RowEvents.ANY_WRITE, (table, dependencies) -> {
            Set<Long> rows = written.rows().get(table);
            String rowKeyColumn = dependencies.rowKeyColumn(table);
            return rows != null && rowKeyColumn != null && dependencies.changesOnlyRowsItNames(table, tables)
                    ? byRowKey(rowKeyColumn, rows) : null;
        }, reach);
    }

    /**
     * Rows heard by their keys, as the writes of this instance confined by the row-key column: they leave reads by
     * that column of other keys current, and count as writes of any row for reads by other columns. Null for no key.
     */
    private static RowSelection byRowKey(String rowKeyColumn, Set<Long> keys) {
        return RowSelection.of(rowKeyColumn, keys.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The database's log shows a committed transaction that changed these rows and tables. The log lists every row
     * the transaction changed, those of its triggers, rules and cascades included, so nothing is widened to what a
     * write might reach; only to what reads the changed rows under another name (views, inheritance parents,
     * synonyms), whole. A changed table goes by row where this catalog names its row key column.
     */
    @Override
    public void logged(WrittenTables changed) {
        if (changed.everything() || !database.dependenciesKnown()) {
            invalidateAll();
            return;
        }
        SchemaDependencies dependencies = database.dependencies();
        Set<TableKey> tables = new HashSet<>(changed.wholeTables());
        tables.addAll(changed.rows().keySet());
        List<TableKey> wholeTables = new ArrayList<>();
        for (TableKey reader : dependencies.readersOf(tables)) {
            Set<Long> keys = changed.rows().get(reader);
            String rowKeyColumn = dependencies.rowKeyColumn(reader);
            RowSelection rows = keys == null || rowKeyColumn == null ? null : byRowKey(rowKeyColumn, keys);
            if (rows != null) {
                database.versions().invalidateRows(reader, rows);
            } else {
                wholeTables.add(reader);
            }
        }
        database.versions().invalidate(wholeTables);
    }

    @Override
    public void mayHaveMissedChanges() {
        invalidateAll();
    }

    @Override
    public void serverReplaced() {
        database.retire();
    }

    @Override
    public String rowKeyColumn(TableKey table) {
        return database.dependenciesKnown() ? database.dependencies().rowKeyColumn(table) : null;
    }
}
