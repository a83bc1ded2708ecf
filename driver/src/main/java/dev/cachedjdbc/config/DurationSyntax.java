package dev.cachedjdbc.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a duration in a property value: a whole number with a unit ({@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 2d}) or ISO-8601 ({@code PT30S}). A bare number is refused, because whether
 * {@code 30} means seconds or milliseconds is exactly the mistake worth stopping at connect time.
 */
final class DurationSyntax {

    static final String FORMS = "a whole number with a unit ms, s, m, h or d (250ms, 30s, 5m, 1h) or ISO-8601 (PT30S)";

    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("([+-]?\\d+)\\s*([a-zA-Z]*)");

    private DurationSyntax() {
    }

    /** @throws IllegalArgumentException with the reason, when the text is no duration */
    static Duration parse(String text) {
        if (startsLikeIso8601(text)) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration", e);
            }
        }
        Matcher matcher = NUMBER_WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        String unitText = matcher.group(2);
        if (unitText.isEmpty()) {
            throw new IllegalArgumentException("a duration needs a unit");
        }
        ChronoUnit unit = unit(unitText);
        try {
            return Duration.of(Long.parseLong(matcher.group(1)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("too large", e);
        }
    }

    private static boolean startsLikeIso8601(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        return text.length() > start && Character.toUpperCase(text.charAt(start)) == 'P';
    }

    private static ChronoUnit unit(String unitText) {
        switch (unitText.toLowerCase(Locale.ROOT)) {
            case "ms":
                return ChronoUnit.MILLIS;
            case "s":
                return ChronoUnit.SECONDS;
            case "m":
                return ChronoUnit.MINUTES;
            case "h":
                return ChronoUnit.HOURS;
            case "d":
                return ChronoUnit.DAYS;
            default:
                throw new IllegalArgumentException("unknown unit \"" + unitText + "\"");
        }
    }
}
