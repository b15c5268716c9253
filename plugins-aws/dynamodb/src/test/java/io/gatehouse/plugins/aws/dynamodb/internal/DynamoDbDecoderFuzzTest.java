package io.gatehouse.plugins.aws.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.plugins.aws.support.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz target of the DynamoDB adapter's request decoding ({@link DynamoDbAdapter#decode}). Under a normal build it
 * runs the committed seeds in {@code DynamoDbDecoderFuzzTestInputs/decode/} (regression mode); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them (see the module README). An input is the {@code X-Amz-Target} line
 * (empty: no header; tabs separate several headers), a newline, then the body bytes as sent.
 *
 * <p>Invariants: decoding refuses only with {@link DecodeException} and its three documented codes, with a bounded
 * message; it is deterministic; an accepted call is the known action its target names, in the context's service and
 * region, with no duplicate resources, each a printable ARN; every resource is either an ARN the body gives
 * literally (a syntactically valid ARN, whose table, if it names one, has a valid name) or one the adapter built, and a built one names a valid table (and index),
 * global table or bucket, in the context's partition, account and region unless the body itself names that other
 * partition, account or region; and the same body re-encoded canonically decodes to the same operation.
 */
class DynamoDbDecoderFuzzTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final DecodeContext CONTEXT = new DecodeContext("dynamodb", REGION, ACCOUNT, "aws");
    private static final DynamoDbAdapter ADAPTER = new DynamoDbAdapter(16);
    private static final StrictJson JSON = new StrictJson(64);
    private static final Set<String> CODES = Set.of(DecodeException.SERIALIZATION, DecodeException.UNKNOWN_OPERATION,
            DecodeException.VALIDATION);
    private static final String NAME = "[a-zA-Z0-9_.-]{3,255}";
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern LITERAL_ARN =
            Pattern.compile("arn:[a-z][a-z0-9-]{0,62}:[a-z0-9-]{1,64}:[a-z0-9-]*:[0-9]*:[\\x21-\\x7e]+");
    /** A DynamoDB ARN of a table or of something in a table: the table name is group 1. */
    private static final Pattern LITERAL_TABLE = Pattern.compile("arn:[^:]*:dynamodb:[^:]*:[^:]*:table/([^/]*)");
    /** What a table ARN can name after the table: an index, the stream, a backup, export or import. */
    private static final Pattern LITERAL_IN_TABLE = Pattern.compile("(/index/" + NAME + "|/stream/[0-9T:.-]+"
            + "|/(backup|export|import)/[0-9a-z-]+)?");
    private static final Pattern BUILT_DYNAMODB = Pattern.compile("arn:([a-z][a-z0-9-]{0,62}):dynamodb:([a-z0-9-]*):"
            + "([0-9]{12}):(?:table/" + NAME + "(?:/index/" + NAME + ")?|global-table/" + NAME + ")");
    private static final Pattern BUILT_BUCKET = Pattern.compile("arn:aws:s3:::([a-zA-Z0-9][a-zA-Z0-9._-]{1,253}"
            + "[a-zA-Z0-9])");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,}(-[a-z0-9]+){1,5}");
    /** A DynamoDB ARN the body gives: a DynamoDB partition, a region (none for a legacy global table), an account. */
    private static final Pattern LITERAL_DYNAMODB = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):dynamodb:"
            + "([a-z]{2,}(-[a-z0-9]+){1,5}:[0-9]{12}:table/.+|:[0-9]{12}:global-table/" + NAME + ")");

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) throws DecodeException {
        RequestView request = request(data);
        Optional<AwsOperation> decoded = decodeOrRefuse(request);
        assertThat(decodeOrRefuse(request)).as("deterministic").isEqualTo(decoded);
        if (decoded.isEmpty()) {
            return;
        }
        AwsOperation operation = decoded.get();
        List<String> targets = request.headers().all("X-Amz-Target");
        assertThat(targets).containsExactly(DynamoDbActions.TARGET_PREFIX + operation.action());
        assertThat(DynamoDbActions.isKnown(operation.action())).isTrue();
        assertThat(operation.service()).isEqualTo("dynamodb");
        assertThat(operation.region()).isEqualTo(REGION);
        List<String> resources = operation.resources();
        assertThat(new HashSet<>(resources)).as("no duplicates").hasSameSizeAs(resources);
        for (Map.Entry<String, String> parameter : operation.parameters().entrySet()) {
            assertThat(parameter.getKey()).isNotEmpty();
            assertThat(parameter.getValue()).isNotNull();
        }

        JsonNode body = JSON.readObject(request.body().bytes(), "Body");
        Set<String> literals = new HashSet<>();
        collect(body, literals);
        for (String resource : resources) {
            assertThat(resource).matches(PRINTABLE).startsWith("arn:");
            if (literals.contains(resource)) {
                assertThat(resource).as("an ARN given by the body").matches(LITERAL_ARN).hasSizeLessThanOrEqualTo(1283);
                if (resource.matches("arn:[^:]*:dynamodb:.*")) {
                    assertThat(resource).as("a DynamoDB ARN that can exist").matches(LITERAL_DYNAMODB);
                }
                Matcher table = LITERAL_TABLE.matcher(resource);
                if (table.lookingAt()) {
                    assertThat(table.group(1)).as("table of %s: no decision on a table that cannot exist", resource)
                            .matches(NAME);
                    assertThat(resource.substring(table.end())).as("what %s names in its table", resource)
                            .matches(LITERAL_IN_TABLE);
                }
            } else {
                assertBuilt(resource, literals);
            }
        }

        RequestView canonical = new RequestView(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), Body.of(JSON.write(body)));
        assertThat(ADAPTER.decode(canonical, CONTEXT)).as("the same body, re-encoded").isEqualTo(operation);
    }

    private static void assertBuilt(String resource, Set<String> literals) {
        Matcher bucket = BUILT_BUCKET.matcher(resource);
        if (bucket.matches()) {
            assertThat(literals).as("bucket of %s named by the body", resource).contains(bucket.group(1));
            return;
        }
        Matcher dynamodb = BUILT_DYNAMODB.matcher(resource);
        assertThat(dynamodb.matches()).as("a table, index or global table the adapter built: %s", resource).isTrue();
        String partition = dynamodb.group(1);
        String region = dynamodb.group(2);
        String account = dynamodb.group(3);
        if (!partition.equals(CONTEXT.partition())) {
            assertThat(literals).as("partition of %s named by the body", resource)
                    .anyMatch(literal -> literal.startsWith("arn:" + partition + ":"));
        }
        if (!account.equals(ACCOUNT)) {
            assertThat(literals).as("account of %s named by the body", resource)
                    .anyMatch(literal -> literal.contains(":" + account + ":"));
        }
        if (region.isEmpty()) {
            assertThat(resource).as("only a legacy global table has no region").contains(":global-table/");
        } else if (!region.equals(REGION)) {
            boolean inGivenArn = literals.stream()
                    .anyMatch(literal -> literal.startsWith("arn:") && literal.contains(":" + region + ":"));
            if (!inGivenArn) {
                assertThat(literals).as("region of %s named by the body", resource).contains(region);
                assertThat(region).as("a region member (RegionName) is a valid region").matches(REGION_NAME);
            }
        }
    }

    /** Every string value and member name of the body. */
    private static void collect(JsonNode node, Set<String> literals) {
        if (node.isTextual()) {
            literals.add(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            literals.add(field.getKey());
            collect(field.getValue(), literals);
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, literals));
        }
    }

    private static Optional<AwsOperation> decodeOrRefuse(RequestView request) {
        try {
            return Optional.of(ADAPTER.decode(request, CONTEXT));
        } catch (DecodeException e) {
            assertThat(CODES).contains(e.errorCode());
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped DynamoDbAdapter.decode", e);
        }
    }

    private static RequestView request(byte[] data) {
        int newline = indexOf(data, (byte) '\n');
        String targets = new String(data, 0, newline < 0 ? data.length : newline, StandardCharsets.UTF_8);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(data, newline + 1, data.length);
        Headers.Builder headers = Headers.builder().add("Content-Type", "application/x-amz-json-1.0")
                .add("Host", "127.0.0.1:7700");
        if (!targets.isEmpty()) {
            for (String target : targets.split("\t", -1)) {
                headers.add("X-Amz-Target", target);
            }
        }
        return new RequestView("POST", "/", "", headers.build(), Body.of(body));
    }

    private static int indexOf(byte[] data, byte wanted) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
