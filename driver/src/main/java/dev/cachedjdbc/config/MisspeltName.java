package dev.cachedjdbc.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Which known name an unknown one was probably meant to be: one a slip or two of the keyboard away. */
public final class MisspeltName {

    private static final int MOST_SLIPS = 2;

    private MisspeltName() {
    }

    public static Optional<String> likelyMeant(String given, Stream<String> knownNames) {
        String lowerGiven = given.toLowerCase(Locale.ROOT);
        return knownNames
                .map(known -> new Candidate(known, editDistance(lowerGiven, known.toLowerCase(Locale.ROOT))))
                .filter(candidate -> candidate.distance() <= MOST_SLIPS)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::name);
    }

    /** Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Candidate(String name, int distance) {
    }
}
