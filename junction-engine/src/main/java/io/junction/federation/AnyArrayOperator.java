package io.junction.federation;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * {@code value = ANY (array)}: true when {@code value} equals an element of the array, as PostgreSQL defines it.
 * Only rendered into source SQL (a bind join's key filter with the keys in one array parameter), never
 * evaluated by Junction, which is why it is not in Calcite's operator table.
 */
public final class AnyArrayOperator extends SqlSpecialOperator {
    public static final AnyArrayOperator INSTANCE = new AnyArrayOperator();

    private AnyArrayOperator() {
        super("= ANY", SqlKind.OTHER, 30, true, ReturnTypes.BOOLEAN_NULLABLE, null, null);
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE, "", "");
        call.operand(0).unparse(writer, getLeftPrec(), getRightPrec());
        writer.sep("= ANY");
        SqlWriter.Frame array = writer.startList("(", ")");
        call.operand(1).unparse(writer, 0, 0);
        writer.endList(array);
        writer.endList(frame);
    }
}
