package io.gatehouse.plugins.aws.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.plugins.aws.dynamodb.internal.PartiQlTables.TableRef;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which tables a PartiQL statement names, and which statements are refused because that is uncertain. */
class PartiQlTablesTest {

    private static TableRef table(String name) {
        return new TableRef(name, Optional.empty());
    }

    private static TableRef index(String table, String index) {
        return new TableRef(table, Optional.of(index));
    }

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("SELECT * FROM \"Orders\" WHERE pk = 'a'", List.of(table("Orders"))),
                Arguments.of("select * from Orders", List.of(table("Orders"))),
                Arguments.of("SELECT * FROM \"Orders\".\"ByDate\" WHERE d > ?", List.of(index("Orders", "ByDate"))),
                Arguments.of("SELECT * FROM Orders.ByDate", List.of(index("Orders", "ByDate"))),
                Arguments.of("SELECT * FROM \"my.orders-v2_x\"", List.of(table("my.orders-v2_x"))),
                Arguments.of("SELECT * FROM \"my.orders\".\"by.date\"", List.of(index("my.orders", "by.date"))),
                Arguments.of("SELECT a, \"from\" FROM \"Orders\"", List.of(table("Orders"))),
                Arguments.of("INSERT INTO \"Orders\" VALUE {'pk': 'a', 'note': 'copied FROM \"Secrets\"'}",
                        List.of(table("Orders"))),
                Arguments.of("SELECT * FROM Orders WHERE note = 'it''s FROM \"Secrets\"'", List.of(table("Orders"))),
                Arguments.of("UPDATE \"Orders\" SET note = 'x' WHERE pk = 'a'", List.of(table("Orders"))),
                Arguments.of("UPDATE Orders REMOVE note WHERE pk = ?", List.of(table("Orders"))),
                Arguments.of("DELETE FROM \"Orders\" WHERE pk = 'a'", List.of(table("Orders"))),
                Arguments.of("EXISTS(SELECT * FROM \"Orders\" WHERE pk = 'a')", List.of(table("Orders"))),
                Arguments.of("  \n\tSELECT *\nFROM\n\"Orders\"\n", List.of(table("Orders"))),
                Arguments.of("SELECT * FROM \"A1x\" WHERE x IN (SELECT y FROM \"B2y\")",
                        List.of(table("A1x"), table("B2y"))),
                Arguments.of("SELECT * FROM \"Ord\"\"ers\"", List.of(table("Ord\"ers"))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("statements")
    void findsTables(String statement, List<TableRef> expected) throws DecodeException {
        assertThat(PartiQlTables.tables(statement, "Statement")).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("", "must hold 1 to 8192 characters"),
                Arguments.of("   ", "must hold 1 to 8192 characters"),
                Arguments.of("SELECT * FROM \"" + "a".repeat(8200) + "\"", "must hold 1 to 8192 characters"),
                Arguments.of("DROP TABLE Orders", "must be a SELECT, INSERT, UPDATE, DELETE or EXISTS statement"),
                Arguments.of("\"Orders\"", "must be a SELECT"),
                Arguments.of("SELECT 1", "names no table"),
                Arguments.of("SELECT * FROM", "not followed by a table name"),
                Arguments.of("SELECT * FROM 'Orders'", "not followed by a table name"),
                Arguments.of("SELECT * FROM 9lives", "not followed by a table name"),
                Arguments.of("SELECT * FROM (SELECT * FROM Orders)", "not followed by a table name"),
                Arguments.of("SELECT * FROM \"Orders\" -- WHERE pk = 'a'", "has a comment"),
                Arguments.of("SELECT * FROM /* \"Secrets\" */ \"Orders\"", "has a comment"),
                Arguments.of("SELECT * FROM \"Orders\" WHERE d = `2024-01-01T`", "Ion literal"),
                Arguments.of("SELECT * FROM \"Orders\", \"Secrets\"", "has ',' after the table name"),
                Arguments.of("SELECT * FROM \"Orders\" JOIN \"Secrets\" ON a = b", "joins are not supported"),
                Arguments.of("SELECT * FROM \"Orders\".\"ByDate\".\"x\"", "has '.' after the table name"),
                Arguments.of("SELECT * FROM Orders[0]", "has '[' after the table name"),
                Arguments.of("SELECT * FROM \"Orders", "unterminated quoted identifier"),
                Arguments.of("SELECT * FROM Orders WHERE a = 'x", "unterminated string literal"),
                Arguments.of("SELECT * FROM Orders WHERE a = 'x\\' OR 1 = 1 --'", "backslash before a quote"),
                Arguments.of("SELECT * FROM Orders WHERE a = \\x", "backslash outside a literal"),
                Arguments.of("UPDATE Orders SET update = 1", "not followed by a table name"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void refusesUncertainStatements(String statement, String message) {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> PartiQlTables.tables(statement, "Statement"));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.errorCode()).isEqualTo(DecodeException.VALIDATION);
        assertThat(e.getMessage()).startsWith("Statement ").contains(message)
                .contains("Gatehouse must know every table");
    }
}
