package dev.cachedjdbc.config;

import dev.cachedjdbc.analysis.TableKey;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What one kind of property value accepts: how its text becomes a value, and how that is explained to a user in
 * error messages, {@code Driver.getPropertyInfo} and the documentation, from this one place so they cannot disagree.
 */
public final class PropertyType<T> {

    public static final PropertyType<Boolean> BOOLEAN = new PropertyType<>(
            "true or false", new String[] {"true", "false"}, PropertyType::parseBoolean);

    public static final PropertyType<Duration> POSITIVE_DURATION = new PropertyType<>(
            "a duration greater than zero: " + DurationSyntax.FORMS, null, text -> {
                Duration duration = DurationSyntax.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("must be greater than zero");
                }
                return duration;
            });

    public static final PropertyType<Double> FRACTION = new PropertyType<>(
            "a decimal number from 0 to 1 (0, 0.2, 1)", null, PropertyType::parseFraction);

    public static final PropertyType<Long> BYTE_SIZE = new PropertyType<>(
            "a size of zero or more: " + ByteSizeSyntax.FORMS, null, text -> {
                long bytes = ByteSizeSyntax.parse(text);
                if (bytes < 0) {
                    throw new IllegalArgumentException("must not be negative");
                }
                return bytes;
            });

    public static final PropertyType<Integer> COUNT = new PropertyType<>(
            "a whole number from 0 to " + Integer.MAX_VALUE + " (0, 10000)", null, PropertyType::parseCount);

    public static final PropertyType<Set<TableKey>> TABLE_LIST = new PropertyType<>(
            TableListSyntax.FORMS, null, TableListSyntax::parse);

    public static final PropertyType<Coherence> COHERENCE = new PropertyType<>(
            "auto (notify on PostgreSQL, local elsewhere), local, notify or logical", Coherence.NAMES, Coherence::parse);

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");

    private final String acceptedValues;
    private final String[] choices;
    private final Function<String, T> parser;

    private PropertyType(String acceptedValues, String[] choices, Function<String, T> parser) {
        this.acceptedValues = acceptedValues;
        this.choices = choices;
        this.parser = parser;
    }

    public String acceptedValues() {
        return acceptedValues;
    }

    /** The complete set of values, or null when the value is free-form. */
    public String[] choices() {
        return choices == null ? null : choices.clone();
    }

    /**
     * Surrounding whitespace is ignored, as a value typed into a configuration file often carries some.
     *
     * @throws IllegalArgumentException with the reason, when the text is not accepted
     */
    public T parse(String text) {
        return parser.apply(text.strip());
    }

    private static Boolean parseBoolean(String text) {
        // Boolean.parseBoolean would read "yes" or "on" as false: a silent opposite of what was meant
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Double parseFraction(String text) {
        // a pattern first, since Double.parseDouble also takes NaN, Infinity, hex and a trailing d or f
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal number");
        }
        double fraction = Double.parseDouble(text);
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("out of range");
        }
        return fraction + 0.0; // -0 becomes 0, so that equal settings compare equal
    }

    private static Integer parseCount(String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number");
        }
        int count;
        try {
            count = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("too large", e);
        }
        if (count < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return count;
    }
}
