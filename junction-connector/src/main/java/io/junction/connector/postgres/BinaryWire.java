package io.junction.connector.postgres;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian reads from a byte array, as PostgreSQL's binary formats are written. */
final class BinaryWire {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BinaryWire() {
    }

    static short readShort(byte[] buffer, int offset) {
        return (short) SHORT.get(buffer, offset);
    }

    static int readInt(byte[] buffer, int offset) {
        return (int) INT.get(buffer, offset);
    }

    static long readLong(byte[] buffer, int offset) {
        return (long) LONG.get(buffer, offset);
    }
}
