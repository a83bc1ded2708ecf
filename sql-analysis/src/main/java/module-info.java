/**
 * SQL analysis for a cache: text and dialect in, what the statement reads, writes and may be cached as out. Pure: no
 * JDBC, no I/O.
 */
module dev.cachedjdbc.analysis {
    requires net.sf.jsqlparser;
    requires com.github.benmanes.caffeine;
    // The parse budget counts the parsing thread's CPU time (ThreadMXBean).
    requires java.management;

    exports dev.cachedjdbc.analysis;
}
