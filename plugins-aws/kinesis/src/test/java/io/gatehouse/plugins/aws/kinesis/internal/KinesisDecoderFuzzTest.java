package io.gatehouse.plugins.aws.kinesis.internal;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz target of the Kinesis adapter's request decoding ({@link KinesisAdapter#decode}). Under a normal build it
 * runs the committed seeds in {@code KinesisDecoderFuzzTestInputs/decode/} (regression mode); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them (see the module README). An input is the {@code X-Amz-Target} line
 * (empty: no header; tabs separate several headers), a newline, then the body bytes as sent.
 *
 * <p>Invariants: decoding refuses only with {@link DecodeException} and its three documented codes, with a bounded
 * message; it is deterministic; an accepted call is the known action its target names, in the context's service and
 * region, with at most two distinct resources, each a Kinesis stream or consumer ARN whose stream the body names
 * either as a stream ARN (used as given) or by a stream name (then in the context's partition, region and account);
 * a {@code StreamName} and a {@code StreamARN} of an accepted stream call name the same stream; and the same body
 * re-encoded canonically decodes to the same operation.
 */
class KinesisDecoderFuzzTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final DecodeContext CONTEXT = new DecodeContext("kinesis", REGION, ACCOUNT, "aws");
    private static final KinesisAdapter ADAPTER = new KinesisAdapter(16);
    private static final StrictJson JSON = new StrictJson(64);
    private static final Set<String> CODES = Set.of(DecodeException.SERIALIZATION, DecodeException.UNKNOWN_OPERATION,
            DecodeException.VALIDATION);
    private static final String NAME = "[a-zA-Z0-9_.-]{1,128}";
    /** Group 1: the stream ARN, group 2: its name. */
    private static final Pattern RESOURCE = Pattern.compile("(arn:[a-z][a-z0-9-]{0,62}:kinesis:[a-z0-9-]{1,64}:"
            + "[0-9]{12}:stream/(" + NAME + "))(?:/consumer/" + NAME + "(?::[0-9]{1,20})?)?");

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) throws DecodeException {
        RequestView request = request(data);
        Optional<AwsOperation> decoded = decodeOrRefuse(request);
        assertThat(decodeOrRefuse(request)).as("deterministic").isEqualTo(decoded);
        if (decoded.isEmpty()) {
            return;
        }
        AwsOperation operation = decoded.get();
        assertThat(request.headers().all("X-Amz-Target"))
                .containsExactly(KinesisActions.TARGET_PREFIX + operation.action());
        assertThat(KinesisActions.isKnown(operation.action())).isTrue();
        assertThat(operation.service()).isEqualTo("kinesis");
        assertThat(operation.region()).isEqualTo(REGION);
        List<String> resources = operation.resources();
        assertThat(resources).hasSizeLessThanOrEqualTo(2);
        assertThat(new HashSet<>(resources)).as("no duplicates").hasSameSizeAs(resources);
        operation.parameters().forEach((name, value) -> {
            assertThat(name).isNotEmpty();
            assertThat(value).isNotNull();
        });

        JsonNode body = JSON.readObject(request.body().bytes(), "Body");
        for (String resource : resources) {
            Matcher matcher = RESOURCE.matcher(resource);
            assertThat(matcher.matches()).as("a Kinesis stream or consumer ARN: %s", resource).isTrue();
            String stream = matcher.group(1);
            boolean byArn = stream.equals(text(body, "StreamARN")) || resource.equals(text(body, "ConsumerARN"))
                    || resource.equals(text(body, "ResourceARN"));
            boolean byName = stream.equals(CONTEXT.arn("stream/" + matcher.group(2)))
                    && matcher.group(2).equals(text(body, "StreamName"));
            assertThat(byArn || byName).as("the body names the stream of %s", resource).isTrue();
        }
        if (KinesisActions.STREAM.contains(operation.action()) && text(body, "StreamName") != null) {
            assertThat(resources).containsExactly(CONTEXT.arn("stream/" + text(body, "StreamName")));
            if (text(body, "StreamARN") != null) {
                assertThat(resources).containsExactly(text(body, "StreamARN"));
            }
        }

        RequestView canonical = new RequestView(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), Body.of(JSON.write(body)));
        assertThat(ADAPTER.decode(canonical, CONTEXT)).as("the same body, re-encoded").isEqualTo(operation);
    }

    private static String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static Optional<AwsOperation> decodeOrRefuse(RequestView request) {
        try {
            return Optional.of(ADAPTER.decode(request, CONTEXT));
        } catch (DecodeException e) {
            assertThat(CODES).contains(e.errorCode());
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(1000);
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("an undocumented exception escaped KinesisAdapter.decode", e);
        }
    }

    private static RequestView request(byte[] data) {
        int newline = 0;
        while (newline < data.length && data[newline] != '\n') {
            newline++;
        }
        String targets = new String(data, 0, newline, StandardCharsets.UTF_8);
        byte[] body = newline < data.length ? Arrays.copyOfRange(data, newline + 1, data.length) : new byte[0];
        Headers.Builder headers = Headers.builder().add("Content-Type", "application/x-amz-json-1.1")
                .add("Host", "127.0.0.1:7700");
        if (!targets.isEmpty()) {
            for (String target : targets.split("\t", -1)) {
                headers.add("X-Amz-Target", target);
            }
        }
        return new RequestView("POST", "/", "", headers.build(), Body.of(body));
    }
}
