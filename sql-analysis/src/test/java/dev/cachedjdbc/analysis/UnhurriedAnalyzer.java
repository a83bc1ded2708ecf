package dev.cachedjdbc.analysis;

import java.time.Duration;

/**
 * An analyser for tests of what statements mean. Its parse timeout is long enough that no statement is refused for
 * want of time when the machine running the tests is starved of CPU: with the default 200 ms, a statement that
 * parses in a millisecond is sometimes UNANALYZABLE on a loaded build machine, which says nothing about its
 * meaning. The time bound itself is pinned by {@link RobustnessTest} and {@link AnalysisCachingTest}.
 */
final class UnhurriedAnalyzer {

    static final Duration PARSE_TIMEOUT = Duration.ofSeconds(20);

    private UnhurriedAnalyzer() {
    }

    static SqlAnalyzer create() {
        return new SqlAnalyzer(PARSE_TIMEOUT, SqlAnalyzer.DEFAULT_MAX_CACHED_STATEMENTS);
    }
}
