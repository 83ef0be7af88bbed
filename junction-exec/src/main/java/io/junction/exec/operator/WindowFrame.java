package io.junction.exec.operator;

/**
 * The rows an aggregate, FIRST_VALUE or LAST_VALUE sees for the current row: counted in rows ({@code rows})
 * or by the order key's value (RANGE, where CURRENT ROW means the row and its peers).
 */
public record WindowFrame(boolean rows, WindowFrameBound lower, WindowFrameBound upper) {
    /** The SQL default with ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
    public static final WindowFrame DEFAULT = new WindowFrame(false, WindowFrameBound.UNBOUNDED_PRECEDING, WindowFrameBound.CURRENT_ROW);
    /** The whole partition. */
    public static final WindowFrame PARTITION = new WindowFrame(true, WindowFrameBound.UNBOUNDED_PRECEDING, WindowFrameBound.UNBOUNDED_FOLLOWING);

    @Override
    public String toString() {
        return (rows ? "ROWS" : "RANGE") + " BETWEEN " + lower + " AND " + upper;
    }
}
