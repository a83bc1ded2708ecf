package dev.cachedjdbc.statement;

import dev.cachedjdbc.analysis.RowKeyValue;
import dev.cachedjdbc.analysis.RowRestriction;
import java.util.List;

/**
 * The key values a column of a {@link RowRestriction} stands for in one execution, from the text and the bound
 * parameters.
 */
public final class RowKeys {

    /** The parameters of an execution that has none: a plain Statement's text. */
    public static final Object[] NO_PARAMETERS = new Object[0];

    /** Executions of a text without parameters: one, with none bound. */
    public static final List<Object[]> TEXT_ONLY = List.<Object[]>of(NO_PARAMETERS);

    private RowKeys() {
    }

    /**
     * The key values, or null when one of them is not an integer the database compares as such (a string, a null,
     * a parameter not bound): the execution may then touch any row.
     *
     * @param parameters the parameter slots as {@link BoundParameters#snapshot()} gives them
     */
    public static long[] resolve(List<RowKeyValue> values, Object[] parameters) {
        long[] keys = new long[values.size()];
        for (int i = 0; i < keys.length; i++) {
            RowKeyValue value = values.get(i);
            if (value instanceof RowKeyValue.IntegerLiteral literal) {
                keys[i] = literal.value();
            } else if (value instanceof RowKeyValue.Parameter parameter) {
                int slot = parameter.index() - 1;
                Long key = slot < parameters.length ? BoundParameters.integerKey(parameters[slot]) : null;
                if (key == null) {
                    return null;
                }
                keys[i] = key;
            } else {
                return null;
            }
        }
        return keys;
    }
}
