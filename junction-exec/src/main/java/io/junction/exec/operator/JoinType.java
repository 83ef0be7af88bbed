package io.junction.exec.operator;

/**
 * Join kinds, in the executor's terms: the left input is the probe side, the right input the build side.
 * SEMI and ANTI output the probe rows that have a match, or none; RIGHT_SEMI and RIGHT_ANTI the same of the
 * build rows, which lets a semi- or anti-join build its smaller input whichever side of it that is.
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, RIGHT_SEMI, RIGHT_ANTI;

    /** The type that gives this join's rows when its two inputs change places: LEFT and RIGHT trade, and so on. */
    public JoinType withInputsSwapped() {
        return switch (this) {
            case INNER, FULL -> this;
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            case SEMI -> RIGHT_SEMI;
            case ANTI -> RIGHT_ANTI;
            case RIGHT_SEMI -> SEMI;
            case RIGHT_ANTI -> ANTI;
        };
    }

    /** Whether the output has the probe (left) side's columns. */
    public boolean outputsProbeColumns() {
        return this != RIGHT_SEMI && this != RIGHT_ANTI;
    }

    /** Whether the output has the build (right) side's columns. */
    public boolean outputsBuildColumns() {
        return this != SEMI && this != ANTI;
    }

    /**
     * Whether a probe row that matches no build row can reach the output (LEFT, FULL, ANTI); where it cannot,
     * the probe side may skip rows whose keys the build side lacks (a bind join, an empty spill partition).
     */
    public boolean keepsUnmatchedProbeRows() {
        return this == LEFT || this == FULL || this == ANTI;
    }
}
