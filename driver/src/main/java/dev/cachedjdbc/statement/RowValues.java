package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.RowKeyValue;
import dev.cachedjdbc.analysis.RowRestriction;
import dev.cachedjdbc.schema.ColumnKind;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The values a column of a {@link RowRestriction} stands for in one execution, from the text and the bound
 * parameters, as the codes {@link dev.cachedjdbc.cache.RowSelection} compares: values the database finds equal have
 * equal codes. A value counts only when its type is the column's own, so that the database compares it as the value
 * it is: an integer bound or written for an integer column, a string for a character column, a UUID or a LocalDate
 * bound by setObject for a uuid or date column. A string for an integer column ({@code '1'} against {@code 1}) or an
 * integer for a character column is converted by the database in ways this class does not follow, and counts as no
 * value: the execution may then touch any row.
 */
public final class RowValues {

    /** The parameters of an execution that has none: a plain Statement's text. */
    public static final Object[] NO_PARAMETERS = new Object[0];

    /** Executions of a text without parameters: one, with none bound. */
    public static final List<Object[]> TEXT_ONLY = List.<Object[]>of(NO_PARAMETERS);

    private RowValues() {
    }

    /**
     * The codes of the values, or null when one of them is not of the column's kind (a string for an integer column,
     * a null, a parameter not bound).
     *
     * @param parameters the parameter slots as {@link BoundParameters#snapshot()} gives them
     */
    public static long[] codes(ColumnKind kind, List<RowKeyValue> values, Object[] parameters) {
        long[] codes = new long[values.size()];
        for (int i = 0; i < codes.length; i++) {
            Long code = code(kind, values.get(i), parameters);
            if (code == null) {
                return null;
            }
            codes[i] = code;
        }
        return codes;
    }

    private static Long code(ColumnKind kind, RowKeyValue value, Object[] parameters) {
        if (value instanceof RowKeyValue.IntegerLiteral literal) {
            return kind == ColumnKind.INTEGER ? literal.value() : null;
        }
        if (value instanceof RowKeyValue.TextLiteral literal) {
            return kind == ColumnKind.TEXT ? textCode(literal.value()) : null;
        }
        if (value instanceof RowKeyValue.Parameter parameter) {
            int slot = parameter.index() - 1;
            return slot < parameters.length ? code(kind, parameters[slot]) : null;
        }
        return null;
    }

    private static Long code(ColumnKind kind, Object slot) {
        return switch (kind) {
            case INTEGER -> BoundParameters.integerKey(slot);
            case TEXT -> {
                String text = BoundParameters.textValue(slot);
                yield text == null ? null : textCode(text);
            }
            case UUID -> {
                UUID uuid = BoundParameters.objectValue(slot, UUID.class);
                yield uuid == null ? null : uuidCode(uuid);
            }
            case DATE -> {
                LocalDate date = BoundParameters.objectValue(slot, LocalDate.class);
                yield date == null ? null : date.toEpochDay();
            }
        };
    }

    /**
     * The code of a string: a 64-bit FNV-1a hash of its characters without trailing spaces, which a padded column
     * (char(n)) ignores in comparisons; strings equal but for them share a code, which costs at most a needless
     * invalidation. Null for a string with an unpaired surrogate, which the database's driver cannot encode as
     * itself and may store as something another string also becomes.
     */
    static Long textCode(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return null;
                }
            } else if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return null;
            }
            hash = (hash ^ c) * 0x100000001B3L;
        }
        return hash;
    }

    private static long uuidCode(UUID uuid) {
        long mixed = (uuid.getMostSignificantBits() ^ Long.rotateLeft(uuid.getLeastSignificantBits(), 32))
                * 0xBF58476D1CE4E5B9L;
        return mixed ^ (mixed >>> 31);
    }
}
