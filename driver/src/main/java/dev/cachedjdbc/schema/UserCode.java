package dev.cachedjdbc.schema;

import dev.cachedjdbc.analysis.TableKey;
import dev.cachedjdbc.analysis.TableName;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where code of the database users' making may run when a statement runs, as one catalog snapshot shows it. A
 * statement shows only names: a function may shadow a built-in one, an operator or a cast may be backed by a user
 * function, a domain's check may call one, {@code r.f} may call {@code f(r)}, and reading a view runs what its query
 * calls. So the catalog's users' code is known by every name a text can reach it under (function and aggregate names,
 * operator symbols, cast target types, domains and the types built on them), and a statement whose words and
 * operators (see {@link dev.cachedjdbc.analysis.StatementAnalysis#namesUsed()}) meet one of them may run it.
 *
 * <p>Code that may write (any volatile function, and any function written in SQL or a procedural language, which can
 * call a volatile one whatever it is declared) makes a statement a possible write of everything; code that only
 * reads (a stable function in C) makes it uncacheable. A function in C declared immutable is taken at its word, as the
 * database itself takes it. Where users' code runs without any name in the text (an implicit cast, a comparison
 * operator, an operator class, a type's input and output), no statement can be told apart: nothing is cached, and if
 * that code may write, every statement is a possible write of everything.
 */
public final class UserCode {

    static final UserCode NONE = new UserCode(Map.of(), Set.of(), Set.of(), null, false, List.of());

    private final Map<String, String> names;
    private final Set<String> writingNames;
    private final Set<TableKey> writingReads;
    private final String everywhere;
    private final boolean everywhereWrites;
    private final List<String> failSafeReasons;
    private final boolean anyWrites;

    UserCode(Map<String, String> names, Set<String> writingNames, Set<TableKey> writingReads, String everywhere,
            boolean everywhereWrites, List<String> failSafeReasons) {
        this.names = Map.copyOf(names);
        this.writingNames = Set.copyOf(writingNames);
        this.writingReads = Set.copyOf(writingReads);
        this.everywhere = everywhere;
        this.everywhereWrites = everywhereWrites;
        this.failSafeReasons = List.copyOf(failSafeReasons);
        this.anyWrites = everywhereWrites || !this.writingNames.isEmpty() || !this.writingReads.isEmpty();
    }

    /**
     * Why a statement using these names may not be cached here, because it may run users' code: null when it may.
     * Views that run users' code are refused as uncacheable reads (see {@link SchemaDependencies#isUncacheableRead}).
     */
    public String refusal(Set<String> namesUsed) {
        if (everywhere != null) {
            return everywhere;
        }
        String name = firstShared(namesUsed, names.keySet());
        return name == null ? null : "it uses " + name + ", the name of " + names.get(name);
    }

    /**
     * Whether running a statement with these names, reading these tables, may run users' code that writes: it must
     * then count as a write of everything, and as a possible change of the session.
     */
    public boolean mayWrite(Set<String> namesUsed, Collection<TableName> tablesRead) {
        if (!anyWrites) {
            return false;
        }
        if (everywhereWrites || firstShared(namesUsed, writingNames) != null) {
            return true;
        }
        if (!writingReads.isEmpty()) {
            for (TableName table : tablesRead) {
                if (writingReads.contains(table.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Why the driver fails safe for the whole database (no caching, or every write invalidating everything); empty when
     * it does not.
     */
    public List<String> failSafeReasons() {
        return failSafeReasons;
    }

    /** For diagnostics: every name users' code is known by, with what it is. */
    public Map<String, String> names() {
        return names;
    }

    /** A name both sets hold, looked up from the smaller one; null when there is none. */
    private static String firstShared(Set<String> namesUsed, Set<String> known) {
        if (known.isEmpty() || namesUsed.isEmpty()) {
            return null;
        }
        if (namesUsed.size() <= known.size()) {
            for (String name : namesUsed) {
                if (known.contains(name)) {
                    return name;
                }
            }
        } else {
            for (String name : known) {
                if (namesUsed.contains(name)) {
                    return name;
                }
            }
        }
        return null;
    }
}
