package dev.cachedjdbc.result;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.UUID;

/** getBytes and the bytes behind getAsciiStream of a cached result, in the source driver's binary forms. */
final class BinaryConversions {

    private final SourceConventions conventions;

    BinaryConversions(SourceConventions conventions) {
        this.conventions = conventions;
    }

    byte[] toBytes(CachedColumn column, int row) {
        Object value = column.value(row);
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (column.alternate(row) instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (conventions.binaryFormOfNumbers()) {
            byte[] binary = binaryForm(column.sqlType(), value);
            if (binary != null) {
                return binary;
            }
        }
        return column.text(row).getBytes(StandardCharsets.UTF_8);
    }

    /** The big-endian binary form of an integer of the column's width, or of a UUID; null for anything else. */
    private static byte[] binaryForm(int sqlType, Object value) {
        if (value instanceof UUID uuid) {
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
        }
        int width = switch (sqlType) {
            case Types.TINYINT -> 1;
            case Types.SMALLINT -> 2;
            case Types.INTEGER -> 4;
            case Types.BIGINT -> 8;
            default -> 0;
        };
        if (width == 0 || !(value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte)) {
            return null;
        }
        long number = ((Number) value).longValue();
        byte[] bytes = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            bytes[i] = (byte) number;
            number >>= 8;
        }
        return bytes;
    }

    /** What getAsciiStream streams: the text in the driver's encoding for it. */
    byte[] toAsciiStreamBytes(CachedColumn column, int row) {
        return column.text(row).getBytes(conventions.asciiStreamCharset());
    }
}
