package dev.cachedjdbc.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Committed rows by table, and how many queries read them: the database the cache sits in front of. */
final class FakeDatabase {

    private final Map<String, String> committedRows = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();

    String query(String table) {
        queries.incrementAndGet();
        return committedRows.getOrDefault(table, "");
    }

    void commit(String table, String row) {
        committedRows.put(table, row);
    }

    int queries() {
        return queries.get();
    }
}
