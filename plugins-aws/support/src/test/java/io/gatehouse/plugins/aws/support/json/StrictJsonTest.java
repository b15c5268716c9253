package io.gatehouse.plugins.aws.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser limits that protect the decision from hostile bodies. */
class StrictJsonTest {

    /** An object of total nesting depth {@code depth}: the root plus nested arrays. */
    private static byte[] nested(int depth) {
        return ("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesHostileNestingWithoutBlowingTheStack() {
        StrictJson json = new StrictJson(100);
        byte[] hostile = ("{\"Item\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}")
                .getBytes(StandardCharsets.UTF_8);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.readObject(hostile, "Body"));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
        assertThat(e.getMessage()).contains("nested deeper than the 100 levels");
    }

    @Test
    void refusesDuplicateMembersAtAnyDepth() {
        StrictJson json = new StrictJson(64);
        byte[] body = "{\"a\":{\"TableName\":\"x\",\"TableName\":\"y\"}}".getBytes(StandardCharsets.UTF_8);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.readObject(body, "Body"));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
    }

    @Test
    void acceptsExactlyTheConfiguredDepth() throws DecodeException {
        StrictJson json = new StrictJson(64);

        assertThat(json.readObject(nested(64), "Body")).isNotNull();
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.readObject(nested(65), "Body"));
        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
        assertThat(e.getMessage()).startsWith("Body is nested deeper than the 64 levels Gatehouse accepts");
    }

    @Test
    void messagesDoNotEchoTheDocument() {
        StrictJson json = new StrictJson(64);
        byte[] body = "{\"TableName\":\"secret-value-1234\" garbage}".getBytes(StandardCharsets.UTF_8);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.readObject(body, "Body"));

        assertThat(e.getMessage()).doesNotContain("secret-value-1234");
    }

    @Test
    void rewritesWhatItRead() throws DecodeException {
        StrictJson json = new StrictJson(64);
        byte[] body = "{\"a\":[1,2.50,\"x\",true,null],\"b\":{\"c\":1e400}}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(json.write(json.readObject(body, "Body")), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1,2.50,\"x\",true,null],\"b\":{\"c\":1E+400}}");
    }

    @Test
    void refusesANumberWhoseExponentNoDecimalCanHoldAsASerializationError() {
        StrictJson json = new StrictJson(64);
        for (String body : new String[] {"{\"a\":1e2147483648}", "{\"a\":1e99999999999}",
                "{\"Limit\":1234E6789012345678901234567890}", "{\"a\":[-0.5e-2147483649]}"}) {
            DecodeException e = catchThrowableOfType(DecodeException.class,
                    () -> json.readObject(body.getBytes(StandardCharsets.UTF_8), "Body"));

            assertThat(e).as(body).isNotNull();
            assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
            assertThat(e.getMessage()).startsWith("Body has a number out of range").doesNotContain("1234");
        }
    }

    @Test
    void keepsTheLargestExponentsADecimalCanHold() throws DecodeException {
        StrictJson json = new StrictJson(64);
        byte[] body = "{\"a\":1e2147483647,\"b\":1e-2147483647}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(json.write(json.readObject(body, "Body")), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1E+2147483647,\"b\":1E-2147483647}");
    }

    @Test
    void anOverlongNumberIsNotReportedAsDeepNesting() {
        StrictJson json = new StrictJson(64);
        byte[] body = ("{\"a\":" + "1".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> json.readObject(body, "Body"));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
        assertThat(e.getMessage()).startsWith("Body exceeds a limit Gatehouse accepts");
    }
}
