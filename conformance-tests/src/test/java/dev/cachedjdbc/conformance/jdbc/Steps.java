package dev.cachedjdbc.conformance.jdbc;

import java.util.ArrayList;
import java.util.List;

/** A scenario's calls in order, each with what it gave, so that a run through the cache and a direct run compare. */
final class Steps {

    private final List<String> lines = new ArrayList<>();

    /** Makes the call and writes down its outcome; a failure is written down, not thrown. */
    Steps record(String call, Outcomes.JdbcCall jdbcCall) {
        lines.add(call + ResultSetProbe.SEPARATOR + Outcomes.of(jdbcCall));
        return this;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
