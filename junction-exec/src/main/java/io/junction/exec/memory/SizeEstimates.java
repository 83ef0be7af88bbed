package io.junction.exec.memory;

import io.junction.vector.Batch;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.ReferenceVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

/**
 * Heap bytes that rows occupy once held in vectors, as operators reserve them. Fixed-width values cost
 * their array slot; text costs a reference plus a String (object, array header and up to two bytes per
 * character); wide decimals a reference plus a BigInteger. The figures are deliberately on the high side
 * so that the real heap use stays below what is reserved.
 */
public final class SizeEstimates {
    /** Reference slot plus String object and its byte array header. */
    private static final int STRING_OVERHEAD = 8 + 24 + 16;
    private static final int BIG_INTEGER_BYTES = 8 + 40 + 24;
    private static final int NULL_BITS_PER_BYTE = 8;

    private SizeEstimates() {
    }

    /** Bytes of rows {@code 0..rowCount} of all columns. */
    public static long batchBytes(Batch batch) {
        long total = 0;
        for (Vector column : batch.columns()) {
            total += vectorBytes(column, batch.rowCount());
        }
        return total;
    }

    /** Bytes of rows {@code 0..rowCount} of one vector. */
    public static long vectorBytes(Vector v, int rowCount) {
        long nulls = v.mayHaveNulls() ? rowCount / NULL_BITS_PER_BYTE + 8 : 0;
        return nulls + switch (v) {
            case BooleanVector b -> rowCount;
            case DecimalVector d -> d.hasWideValues() ? wideDecimalBytes(d, rowCount) : 8L * rowCount;
            case StringVector s -> textBytes(s, rowCount);
            case BinaryVector b -> binaryBytes(b, rowCount);
            default -> 8L * rowCount;
        };
    }

    /** Bytes of one row of the given columns. */
    public static long rowBytes(Vector[] columns, int row) {
        long total = 0;
        for (Vector v : columns) {
            total += switch (v) {
                case BooleanVector b -> 1;
                case ReferenceVector<?> r -> {
                    Object value = r.get(row);
                    yield value instanceof String s ? STRING_OVERHEAD + 2L * s.length()
                            : value instanceof byte[] bytes ? STRING_OVERHEAD + bytes.length : 8;
                }
                case DecimalVector d -> d.isWide(row) ? 8 + BIG_INTEGER_BYTES : 8;
                default -> 8;
            };
        }
        return total;
    }

    private static long textBytes(StringVector v, int rowCount) {
        long total = 8L * rowCount;
        for (int i = 0; i < rowCount; i++) {
            String s = v.get(i);
            if (s != null) {
                total += STRING_OVERHEAD - 8 + 2L * s.length();
            }
        }
        return total;
    }

    private static long binaryBytes(BinaryVector v, int rowCount) {
        long total = 8L * rowCount;
        for (int i = 0; i < rowCount; i++) {
            byte[] b = v.get(i);
            if (b != null) {
                total += 16 + b.length;
            }
        }
        return total;
    }

    private static long wideDecimalBytes(DecimalVector d, int rowCount) {
        long total = 16L * rowCount;
        for (int i = 0; i < rowCount; i++) {
            if (d.isWide(i)) {
                total += BIG_INTEGER_BYTES;
            }
        }
        return total;
    }
}
