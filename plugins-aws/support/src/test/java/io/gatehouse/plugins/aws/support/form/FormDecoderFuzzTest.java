package io.gatehouse.plugins.aws.support.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fuzz targets of the shared query-protocol decoding ({@link FormDecoder}, {@link QueryProtocol}). Under a normal
 * build they run the committed seeds in {@code FormDecoderFuzzTestInputs/<method>/} (regression mode); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them (see the module README). Every input is read as UTF-8 text (malformed
 * bytes replaced).
 *
 * <p>Invariants: the only exceptions are the documented {@link DecodeException}s with their documented codes;
 * decoding is deterministic; whatever decodes encodes back to the same parameters; and well-formed parameters
 * survive an encode/decode round trip.
 */
class FormDecoderFuzzTest {

    private static final Set<String> QUERY_PROTOCOL_CODES = Set.of(FormDecoder.MALFORMED,
            DecodeException.UNKNOWN_OPERATION);

    /** Any text as a query string or form body: refused as MalformedQueryString, or decoded and re-encodable. */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) {
        String raw = text(data);
        Optional<Map<String, String>> decoded = decodeOrRefuse(raw);
        assertThat(decodeOrRefuse(raw)).as("deterministic").isEqualTo(decoded);
        decoded.ifPresent(parameters -> {
            assertThat(parameters.keySet()).noneMatch(String::isEmpty);
            assertThat(decodeOrRefuse(encode(parameters))).as("re-encoded").contains(parameters);
        });
    }

    /**
     * Lines of {@code name<TAB>value} (a line without a tab is a name with an empty value) as well-formed parameters:
     * encoding them strictly and decoding gives them back, in order.
     */
    @FuzzTest(maxDuration = "2m")
    void roundTrip(byte[] data) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String line : text(data).split("\n", -1)) {
            int tab = line.indexOf('\t');
            String name = tab < 0 ? line : line.substring(0, tab);
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, tab < 0 ? "" : line.substring(tab + 1));
            }
        }
        String encoded = encode(parameters);

        assertThat(encoded.chars()).allMatch(c -> c > 0x20 && c < 0x7f);
        assertThat(FormDecoder.decode(encoded, "The fuzzed form")).containsExactlyEntriesOf(parameters);
    }

    /**
     * A query-protocol call: lines {@code METHOD}, {@code Content-Type}, raw query, then the body. The form rules
     * and the merge of query and body refuse only with their documented codes; a merged call holds every query
     * parameter and every body parameter.
     */
    @FuzzTest(maxDuration = "2m")
    void queryProtocol(byte[] data) {
        String[] lines = text(data).split("\n", 4);
        String method = lines.length > 0 ? lines[0] : "";
        String contentType = lines.length > 1 ? lines[1] : "";
        String query = lines.length > 2 ? lines[2] : "";
        String body = lines.length > 3 ? lines[3] : "";
        RequestView request = new RequestView(method, "/", query,
                Headers.builder().add("Content-Type", contentType).build(),
                Body.of(body.getBytes(StandardCharsets.UTF_8)));
        try {
            QueryProtocol.requireUtf8Form(request, "a fuzzed call", "send it as a POST form");
            assertThat(method).isEqualTo("POST");
            Map<String, String> fromQuery = FormDecoder.decode(query, "The query string");
            Map<String, String> fromBody = FormDecoder.decode(body, "The form body");
            Map<String, String> merged = QueryProtocol.merge(fromQuery, fromBody);

            assertThat(merged).containsAllEntriesOf(fromQuery).containsAllEntriesOf(fromBody);
            Set<String> names = new java.util.HashSet<>(fromQuery.keySet());
            names.addAll(fromBody.keySet());
            assertThat(merged.keySet()).isEqualTo(names);
        } catch (DecodeException e) {
            assertThat(QUERY_PROTOCOL_CODES).contains(e.errorCode());
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static Optional<Map<String, String>> decodeOrRefuse(String raw) {
        try {
            return Optional.of(FormDecoder.decode(raw, "The fuzzed form"));
        } catch (DecodeException e) {
            assertThat(e.errorCode()).isEqualTo(FormDecoder.MALFORMED);
            assertThat(e.getMessage()).startsWith("The fuzzed form ");
            return Optional.empty();
        }
    }

    /** Strict form encoding: UTF-8, space as {@code +}, everything but {@code A-Za-z0-9.-*_} escaped. */
    private static String encode(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, value) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
