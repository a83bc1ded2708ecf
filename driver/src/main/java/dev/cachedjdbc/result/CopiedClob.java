package dev.cachedjdbc.result;

import java.sql.SQLException;
import javax.sql.rowset.serial.SerialClob;
import javax.sql.rowset.serial.SerialException;

/**
 * The Clob a cached result hands out: a private copy of the text. Unlike a plain {@link SerialClob} it answers the
 * usual whole-value read {@code getSubString(1, (int) length())} of an empty value with the empty string, as the
 * drivers do, instead of refusing position 1 of an empty Clob.
 */
final class CopiedClob extends SerialClob {

    CopiedClob(char[] text) throws SQLException {
        super(text);
    }

    @Override
    public String getSubString(long position, int length) throws SerialException {
        if (length == 0 && position == length() + 1) {
            return "";
        }
        return super.getSubString(position, length);
    }
}
