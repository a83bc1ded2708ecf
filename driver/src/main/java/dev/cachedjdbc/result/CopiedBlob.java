package dev.cachedjdbc.result;

import java.sql.SQLException;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialException;

/**
 * The Blob a cached result hands out: a private copy of the bytes. Unlike a plain {@link SerialBlob} it answers the
 * usual whole-value read {@code getBytes(1, (int) length())} of an empty value with no bytes, as the drivers do,
 * instead of refusing position 1 of an empty Blob.
 */
final class CopiedBlob extends SerialBlob {

    CopiedBlob(byte[] bytes) throws SQLException {
        super(bytes);
    }

    @Override
    public byte[] getBytes(long position, int length) throws SerialException {
        if (length == 0 && position == length() + 1) {
            return new byte[0];
        }
        return super.getBytes(position, length);
    }
}
