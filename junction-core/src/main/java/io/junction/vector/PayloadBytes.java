package io.junction.vector;

import io.junction.types.JunctionType;

/**
 * The size of a batch's values as data, independent of how Junction holds them in memory: what a
 * compact wire format needs to carry them. It is how "bytes fetched from a source" is counted, so
 * that figures from different sources and protocols compare. Fixed-width values count their natural
 * width (INTEGER and DATE 4, BIGINT and TIMESTAMP 8, DECIMAL 8 up to 18 digits and 16 above); text
 * counts its characters and binary its bytes; a NULL counts nothing. Protocol framing (row headers,
 * length prefixes) is left out because it differs per source.
 */
public final class PayloadBytes {
    private PayloadBytes() {
    }

    /** Bytes of the values in rows {@code 0..rowCount} of every column of {@code batch}. */
    public static long of(Batch batch) {
        long total = 0;
        for (Vector column : batch.columns()) {
            total += of(column, batch.rowCount());
        }
        return total;
    }

    /** Bytes of the values in rows {@code 0..rowCount} of one vector. */
    public static long of(Vector vector, int rowCount) {
        return switch (vector) {
            case StringVector text -> textBytes(text, rowCount);
            case BinaryVector binary -> binaryBytes(binary, rowCount);
            default -> (long) fixedWidth(vector.type()) * nonNullCount(vector, rowCount);
        };
    }

    /** Natural width of one value of a fixed-width type (not text or binary). */
    public static int fixedWidth(JunctionType type) {
        return switch (type.kind()) {
            case BOOLEAN, TINYINT -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case DECIMAL -> type.precision() <= 18 ? 8 : 16;
            case NULL -> 0;
            default -> 8;
        };
    }

    /** Rows {@code 0..rowCount} that are not NULL, counted a bitmap word at a time. */
    private static int nonNullCount(Vector vector, int rowCount) {
        long[] nulls = vector.nulls;
        if (nulls == null) {
            return rowCount;
        }
        int nullCount = 0;
        int fullWords = rowCount >>> 6;
        for (int w = 0; w < fullWords; w++) {
            nullCount += Long.bitCount(nulls[w]);
        }
        int rest = rowCount & 63;
        if (rest != 0) {
            nullCount += Long.bitCount(nulls[fullWords] & ((1L << rest) - 1));
        }
        return rowCount - nullCount;
    }

    private static long textBytes(StringVector vector, int rowCount) {
        long total = 0;
        for (int i = 0; i < rowCount; i++) {
            String value = vector.get(i);
            total += value == null ? 0 : value.length();
        }
        return total;
    }

    private static long binaryBytes(BinaryVector vector, int rowCount) {
        long total = 0;
        for (int i = 0; i < rowCount; i++) {
            byte[] value = vector.get(i);
            total += value == null ? 0 : value.length;
        }
        return total;
    }
}
