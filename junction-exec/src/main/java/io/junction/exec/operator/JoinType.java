package io.junction.exec.operator;

/** Join kinds; SEMI and ANTI output only the left (probe) side's columns. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI
}
