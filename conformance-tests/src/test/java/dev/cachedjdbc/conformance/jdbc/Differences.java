package dev.cachedjdbc.conformance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Compares two line-by-line descriptions and reports only the lines that differ, so a failure reads short. */
final class Differences {

    private Differences() {
    }

    static void assertNone(String what, List<String> direct, List<String> cached) {
        assertNone(what, direct, cached, false);
    }

    /**
     * Like {@link #assertNone(String, List, List)}, but a call the database driver refused is left out: the cached
     * result set may refuse it too, or perform the conversion as the JDBC specification's tables allow. Every call
     * the database driver answered must be answered identically.
     */
    static void assertNoneWhereTheDriverAnswered(String what, List<String> direct, List<String> cached) {
        assertNone(what, direct, cached, true, Map.of());
    }

    /**
     * Like {@link #assertNoneWhereTheDriverAnswered(String, List, List)}, leaving out the calls that match a known
     * divergence (a regular expression found in the call, such as {@code "row 2 c_time getTimestamp"}).
     */
    static void assertNoneWhereTheDriverAnswered(String what, List<String> direct, List<String> cached,
            Map<String, String> knownDivergences) {
        assertNone(what, direct, cached, true, knownDivergences);
    }

    private static void assertNone(String what, List<String> direct, List<String> cached, boolean skipRefusals) {
        assertNone(what, direct, cached, skipRefusals, Map.of());
    }

    private static void assertNone(String what, List<String> direct, List<String> cached, boolean skipRefusals,
            Map<String, String> knownDivergences) {
        List<Pattern> known = knownDivergences.keySet().stream().map(Pattern::compile).toList();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(direct.size(), cached.size()); i++) {
            String expected = i < direct.size() ? direct.get(i) : "(nothing)";
            String actual = i < cached.size() ? cached.get(i) : "(nothing)";
            int outcome = expected.indexOf(ResultSetProbe.SEPARATOR);
            if (skipRefusals && outcome >= 0
                    && Outcomes.isFailure(expected.substring(outcome + ResultSetProbe.SEPARATOR.length()))
                    && !actual.contains(ResultSetProbe.SEPARATOR + "threw ")) {
                // the driver refused; the cache may refuse with an SQLException or convert, but never throw otherwise
                continue;
            }
            String call = outcome >= 0 ? expected.substring(0, outcome) : expected;
            if (known.stream().anyMatch(pattern -> pattern.matcher(call).find())) {
                continue;
            }
            if (!expected.equals(actual)) {
                differences.add("directly:    " + expected + "\n  " + what + ": " + actual);
            }
        }
        assertThat(differences).as(what + " differs from the database driver in " + differences.size() + " of "
                + direct.size() + " calls").isEmpty();
    }
}
