package dev.cachedjdbc.runtime;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.cache.WriteScope;
import dev.cachedjdbc.cache.WrittenTables;
import dev.cachedjdbc.coherence.ChangeListener;
import dev.cachedjdbc.connection.WriteSet;
import dev.cachedjdbc.schema.SchemaDependencies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        SchemaDependencies dependencies = database.dependencies();
        if (writesEverything(writes, dependencies)) {
            scope.addEverything();
            return;
        }
        List<TableKey> wholeTables = new ArrayList<>();
        for (TableKey table : dependencies.expandWrite(writes.tables)) {
            long[] rowKeys = writes.rowKeys(table, dependencies);
            if (rowKeys == null) {
                wholeTables.add(table);
            } else {
                scope.addRows(table, rowKeys);
            }
        }
        scope.add(wholeTables);
    }

    /** A write whose reach the catalog cannot tell (or that is not known at all) writes everything. */
    private boolean writesEverything(WriteSet writes, SchemaDependencies dependencies) {
        return writes.everything || !database.dependenciesKnown()
                || dependencies.writeReachesUnknownTables(writes.tables);
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
     * one's, which may know more (a view created since), and go by row only where this catalog also allows it.
     */
    @Override
    public void changed(WrittenTables written) {
        SchemaDependencies dependencies = database.dependencies();
        Set<TableKey> tables = new HashSet<>(written.wholeTables());
        tables.addAll(written.rows().keySet());
        if (written.everything() || !database.dependenciesKnown() || dependencies.writeReachesUnknownTables(tables)) {
            invalidateAll();
            return;
        }
        List<TableKey> wholeTables = new ArrayList<>();
        for (TableKey table : dependencies.expandWrite(tables)) {
            Set<Long> rows = written.rows().get(table);
            if (rows != null && dependencies.changesOnlyRowsItNames(table, tables)) {
                database.versions().invalidateRows(table, rows.stream().mapToLong(Long::longValue).toArray());
            } else {
                wholeTables.add(table);
            }
        }
        database.versions().invalidate(wholeTables);
    }

    @Override
    public void mayHaveMissedChanges() {
        invalidateAll();
    }
}
