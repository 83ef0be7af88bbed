package io.junction.physical;

import io.junction.exec.operator.Operator;

/** Renders an operator tree as indented text for EXPLAIN; multi-line descriptions stay under their operator. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(Operator root) {
        StringBuilder out = new StringBuilder();
        print(root, 0, out);
        return out.toString();
    }

    private static void print(Operator op, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        String[] lines = op.describe().split("\n");
        out.append(indent).append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            out.append(indent).append("    ").append(lines[i]).append('\n');
        }
        for (Operator input : op.inputs()) {
            print(input, depth + 1, out);
        }
    }
}
