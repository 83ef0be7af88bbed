package io.junction.federation;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * {@code value IN (SELECT * FROM unnest(array::type[]))}: true when {@code value} equals an element of the array, as
 * PostgreSQL defines it. Only rendered into source SQL (a bind join's key filter, the keys in one array),
 * never evaluated by Junction, which is why it is not in Calcite's operator table. The array is either a character
 * literal of its text ({@link KeyArrayLiteral}) or an array constructor of literals; the cast applies to both.
 *
 * <p>Why this form:
 * <ul>
 * <li>not {@code value = ANY (array)}: PostgreSQL evaluates that by walking the array for every row unless an index
 *     on {@code value} serves it, so 30,000 keys against a 1.5M-row table without such an index took minutes (TPC-H Q3
 *     at scale factor 1: orders filtered by customer keys). A subquery lets the planner choose a hash semi-join there
 *     and an index nested loop where an index exists;</li>
 * <li>{@code unnest} in FROM, not {@code SELECT unnest(…)}: a set-returning function in a select list is
 *     parallel-restricted, which kept PostgreSQL from scanning the rest of the statement with parallel workers;</li>
 * <li>literals, not an array parameter: a statement with parameters cannot be read with binary COPY, and pgjdbc reads
 *     one through a cursor, under which PostgreSQL never plans parallel workers.</li>
 * </ul>
 * The cast to {@code type[]} makes the elements compare as the column's own type would (bpchar against bpchar).
 */
public final class InUnnestedArrayOperator extends SqlSpecialOperator {
    private final String elementType;

    /** @param elementType the source's name of the elements' type, as {@code SourceDialect.keyArrayElementType} gives it */
    public InUnnestedArrayOperator(String elementType) {
        super("IN UNNEST", SqlKind.OTHER, 30, true, ReturnTypes.BOOLEAN_NULLABLE, null, null);
        this.elementType = elementType;
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE, "", "");
        call.operand(0).unparse(writer, getLeftPrec(), getRightPrec());
        writer.sep("IN");
        SqlWriter.Frame subquery = writer.startList("(", ")");
        writer.keyword("SELECT");
        writer.print("* ");
        writer.keyword("FROM");
        writer.print("unnest");
        SqlWriter.Frame arguments = writer.startList("(", ")");
        call.operand(1).unparse(writer, 0, 0);
        writer.print("::" + elementType + "[]");
        writer.endList(arguments);
        writer.endList(subquery);
        writer.endList(frame);
    }
}
