package io.gatehouse.plugins.aws.json.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.plugins.aws.support.json.StrictJson;
import java.io.ByteArrayOutputStream;
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
 * Fuzz target of the table-driven JSON engine ({@link TableAdapter} over the shipped tables: Secrets Manager, SSM
 * Parameter Store, KMS, CloudWatch Logs, Lambda). Under a normal build it runs the committed seeds in
 * {@code JsonTablesFuzzTestInputs/decode/} (regression mode); with {@code JAZZER_FUZZ=1} Jazzer mutates them (see
 * the module README). An input is text lines: the table's service, the method, the raw path, the raw query, header
 * lines {@code Name: value}, an empty line, then the body bytes as sent. An unknown service is skipped.
 *
 * <p>Invariants: decoding refuses only with {@link DecodeException} and its three documented codes, with a bounded
 * message; it is deterministic; an accepted call is one of the table's actions (for JSON protocols the one its
 * single {@code X-Amz-Target} names), in the table's service and the call's region; its resources are distinct
 * printable ARNs with no policy wildcard ({@code *}, {@code ?}), whitespace or control character; a resource in
 * another partition, account or region than the call's names it somewhere in the request (path, query or
 * body, decoded); and the same JSON body re-encoded canonically decodes to the same operation.
 */
class JsonTablesFuzzTest {

    private static final Map<String, TableAdapter> ADAPTERS = adapters();
    private static final StrictJson JSON = new StrictJson(64);
    private static final Set<String> CODES = Set.of(DecodeException.SERIALIZATION, DecodeException.UNKNOWN_OPERATION,
            DecodeException.VALIDATION);
    /** Groups: partition, service, region, account, resource. */
    private static final Pattern ARN = Pattern.compile("arn:([a-z][a-z0-9-]*):([a-z0-9-]+):([a-z0-9-]*):([0-9]*):"
            + "([\\x21-\\x7e]+)");

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) throws DecodeException {
        Input input = Input.parse(data);
        TableAdapter adapter = ADAPTERS.get(input.service());
        if (adapter == null) {
            return;
        }
        DecodeContext context = Tables.context(input.service());
        RequestView request = input.request();
        Optional<AwsOperation> decoded = decodeOrRefuse(adapter, request, context);
        assertThat(decodeOrRefuse(adapter, request, context)).as("deterministic").isEqualTo(decoded);
        if (decoded.isEmpty()) {
            return;
        }
        AwsOperation operation = decoded.get();
        assertThat(operation.service()).isEqualTo(input.service());
        assertThat(operation.region()).isEqualTo(Tables.REGION);
        assertThat(operation.action()).isNotEmpty();
        if (adapter.protocol() != Protocol.REST_JSON) {
            List<String> targets = request.headers().all("X-Amz-Target");
            assertThat(targets).hasSize(1);
            assertThat(targets.get(0)).endsWith("." + operation.action());
        }
        List<String> resources = operation.resources();
        assertThat(new HashSet<>(resources)).as("no duplicates").hasSameSizeAs(resources);
        String requestText = input.text();
        for (String resource : resources) {
            Matcher arn = ARN.matcher(resource);
            assertThat(arn.matches()).as("a printable ARN: %s", resource).isTrue();
            assertThat(resource).as("no policy wildcard reaches the decision").doesNotContain("*", "?");
            String partition = arn.group(1);
            if (!partition.equals("aws")) {
                assertThat(requestText).as("the request names the partition of %s", resource)
                        .contains("arn:" + partition + ":");
            }
            String region = arn.group(3);
            String account = arn.group(4);
            if (!account.isEmpty() && !account.equals(Tables.ACCOUNT)) {
                assertThat(requestText).as("the request names the account of %s", resource).contains(account);
            }
            if (!region.isEmpty() && !region.equals(Tables.REGION)) {
                assertThat(requestText).as("the request names the region of %s", resource).contains(region);
            }
        }
        operation.parameters().forEach((name, value) -> {
            assertThat(name).isNotEmpty();
            assertThat(value).isNotNull();
        });

        Optional<JsonNode> body = json(request.body().bytes());
        if (body.isPresent()) {
            RequestView canonical = new RequestView(request.method(), request.rawPath(), request.rawQuery(),
                    request.headers(), Body.of(JSON.write(body.get())));
            assertThat(adapter.decode(canonical, context)).as("the same body, re-encoded").isEqualTo(operation);
        }
    }

    private static Optional<AwsOperation> decodeOrRefuse(TableAdapter adapter, RequestView request,
                                                         DecodeContext context) {
        try {
            return Optional.of(adapter.decode(request, context));
        } catch (DecodeException e) {
            assertThat(CODES).contains(e.errorCode());
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped TableAdapter.decode", e);
        }
    }

    private static Optional<JsonNode> json(byte[] body) {
        try {
            return Optional.of(JSON.readObject(body, "Body"));
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, TableAdapter> adapters() {
        Map<String, TableAdapter> adapters = new java.util.HashMap<>();
        for (String service : Tables.SHIPPED) {
            adapters.put(service, Tables.adapter(service));
        }
        return Map.copyOf(adapters);
    }

    /** A fuzz input read as a request. */
    record Input(String service, RequestView request, String text) {

        static Input parse(byte[] data) {
            int[] at = {0};
            String service = line(data, at);
            String method = line(data, at);
            String rawPath = line(data, at);
            String rawQuery = line(data, at);
            Headers.Builder headers = Headers.builder();
            for (String header = line(data, at); !header.isEmpty(); header = line(data, at)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                }
            }
            byte[] body = Arrays.copyOfRange(data, Math.min(at[0], data.length), data.length);
            RequestView request = new RequestView(method, rawPath, rawQuery, headers.build(), Body.of(body));
            StringBuilder text = new StringBuilder(rawPath).append('\n').append(percentDecoded(rawPath)).append('\n')
                    .append(rawQuery).append('\n').append(percentDecoded(rawQuery)).append('\n')
                    .append(new String(body, StandardCharsets.UTF_8));
            json(body).ifPresent(node -> strings(node, text));
            return new Input(service, request, text.toString());
        }

        private static String line(byte[] data, int[] at) {
            int start = at[0];
            if (start >= data.length) {
                at[0] = data.length + 1;
                return "";
            }
            int end = start;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            at[0] = end + 1;
            return new String(data, start, end - start, StandardCharsets.UTF_8);
        }

        /** Every string value and member name, appended one a line. */
        private static void strings(JsonNode node, StringBuilder out) {
            if (node.isTextual()) {
                out.append('\n').append(node.textValue());
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append('\n').append(field.getKey());
                strings(field.getValue(), out);
            }
            if (node.isArray()) {
                node.forEach(element -> strings(element, out));
            }
        }

        /** Lenient: every well-formed {@code %XX} decoded, anything else kept. */
        private static String percentDecoded(String raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                    out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                    i += 2;
                } else {
                    out.write(bytes[i]);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        private static int hex(byte b) {
            return Character.digit((char) b, 16);
        }
    }
}
