package io.junction.exec.operator;

/** Join kinds; SEMI and ANTI output only the left (probe) side's columns. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    /** Whether the join can run with its inputs exchanged ({@link #withInputsSwapped}): all but SEMI and ANTI. */
    public boolean canSwapInputs() {
        return this != SEMI && this != ANTI;
    }

    /** The type that keeps this join's rows when its two inputs change places: LEFT and RIGHT trade. */
    public JoinType withInputsSwapped() {
        return switch (this) {
            case INNER, FULL -> this;
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            case SEMI, ANTI -> throw new IllegalStateException(this + " joins keep one input's rows only and cannot swap inputs");
        };
    }
}
