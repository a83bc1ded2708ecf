package dev.cachedjdbc.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a size in bytes: plain bytes ({@code 1048576}) or a whole number with a unit ({@code 512KB},
 * {@code 64MB}, {@code 1GB}). Units are powers of 1024 whether written KB or KiB, since memory is what is measured.
 */
final class ByteSizeSyntax {

    static final String FORMS = "plain bytes (1048576) or a whole number with a unit B, KB, MB, GB or TB,"
            + " each 1024 times the one before (512KB, 64MB, 1GB)";

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("([+-]?\\d+)\\s*([a-zA-Z]*)");

    private static final Map<String, Long> UNIT_BYTES = Map.of(
            "", 1L,
            "b", 1L,
            "kb", 1L << 10, "kib", 1L << 10,
            "mb", 1L << 20, "mib", 1L << 20,
            "gb", 1L << 30, "gib", 1L << 30,
            "tb", 1L << 40, "tib", 1L << 40);

    private ByteSizeSyntax() {
    }

    /** @throws IllegalArgumentException with the reason, when the text is no size */
    static long parse(String text) {
        Matcher matcher = NUMBER_WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size");
        }
        String unitText = matcher.group(2);
        Long unitBytes = UNIT_BYTES.get(unitText.toLowerCase(Locale.ROOT));
        if (unitBytes == null) {
            throw new IllegalArgumentException("unknown unit \"" + unitText + "\"");
        }
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unitBytes);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("too large", e);
        }
    }
}
