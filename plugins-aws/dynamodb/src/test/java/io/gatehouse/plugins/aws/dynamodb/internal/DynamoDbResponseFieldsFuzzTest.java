package io.gatehouse.plugins.aws.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.ResponseFields;
import io.gatehouse.api.adapter.ResponseFields.Field;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzz target of the masking view of DynamoDB responses ({@link DynamoDbAdapter#responseFields},
 * {@link AttributeValueFields}). Under a normal build it runs the committed seeds in
 * {@code DynamoDbResponseFieldsFuzzTestInputs/mask/} (regression mode); with {@code JAZZER_FUZZ=1} Jazzer mutates
 * them (see the module README). The input is a 200 response body, bytes as received.
 *
 * <p>Invariants: reading refuses only with {@link DecodeException} {@code SerializationException}; an empty body
 * gives no fields; it is deterministic; no two fields share a path; encoding with no replacement (or only paths
 * that are not there) gives the original bytes back; and masking every field is complete: the masked response read
 * again has exactly the same paths, in the same order, each holding only the mask.
 */
class DynamoDbResponseFieldsFuzzTest {

    private static final String MASK = "####";
    private static final DecodeContext CONTEXT = new DecodeContext("dynamodb", "eu-west-1", "123456789012", "aws");
    private static final AwsOperation OPERATION = new AwsOperation("dynamodb", "GetItem", "eu-west-1",
            List.of(CONTEXT.arn("table/Orders")), Map.of());
    private static final DynamoDbAdapter ADAPTER = new DynamoDbAdapter(64);

    @FuzzTest(maxDuration = "2m")
    void mask(byte[] data) throws DecodeException {
        Optional<List<Field>> read = fieldsOrRefuse(data);
        assertThat(fieldsOrRefuse(data)).as("deterministic").isEqualTo(read);
        if (read.isEmpty()) {
            return;
        }
        ResponseFields fields = ADAPTER.responseFields(OPERATION, response(data)).orElseThrow();
        List<String> paths = read.get().stream().map(Field::path).toList();
        assertThat(new HashSet<>(paths)).as("no two fields share a path").hasSameSizeAs(paths);
        assertThat(fields.encode(Map.of())).as("untouched: byte for byte").isEqualTo(data);
        assertThat(fields.encode(Map.of("Item.no-such-attribute.S", MASK))).isEqualTo(data);

        Map<String, String> everything = new LinkedHashMap<>();
        paths.forEach(path -> everything.put(path, MASK));
        byte[] masked = fields.encode(everything);
        List<Field> again = ADAPTER.responseFields(OPERATION, response(masked)).orElseThrow().fields();
        assertThat(again.stream().map(Field::path).toList()).as("the same fields, masked").isEqualTo(paths);
        assertThat(again).allSatisfy(field -> assertThat(field.value()).as(field.path()).isEqualTo(MASK));
    }

    private static Optional<List<Field>> fieldsOrRefuse(byte[] data) {
        try {
            Optional<ResponseFields> fields = ADAPTER.responseFields(OPERATION, response(data));
            assertThat(fields.isPresent()).as("a non-empty 2xx JSON answer is read").isEqualTo(data.length > 0);
            return fields.map(ResponseFields::fields);
        } catch (DecodeException e) {
            assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped DynamoDbAdapter.responseFields", e);
        }
    }

    private static ResponseView response(byte[] body) {
        return new ResponseView(200, Headers.builder().add("Content-Type", "application/x-amz-json-1.0").build(),
                Body.of(body));
    }
}
