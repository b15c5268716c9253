package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Removes upstream credentials from an upstream answer before a client sees it: AWS error bodies can echo the access
 * key id, and a misbehaving upstream could echo anything. When the body changes, DynamoDB's {@code x-amz-crc32} is
 * recomputed so that SDKs accept the answer.
 */
final class ResponseScrubber {

    static final String REDACTED = "[redacted-by-gatehouse]";

    private ResponseScrubber() {
    }

    static ResponseView scrub(ResponseView response, UpstreamCredentials credentials) {
        List<String> secrets = new ArrayList<>(List.of(credentials.accessKeyId(), credentials.secretAccessKey()));
        credentials.sessionToken().ifPresent(secrets::add);
        String text = new String(response.body().bytes(), StandardCharsets.ISO_8859_1);
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, REDACTED);
        }
        Headers headers = scrubHeaders(response.headers(), secrets);
        if (scrubbed.equals(text) && headers.equals(response.headers())) {
            return response;
        }
        byte[] body = scrubbed.getBytes(StandardCharsets.ISO_8859_1);
        Headers.Builder fixed = headers.toBuilder();
        if (headers.contains("x-amz-crc32")) {
            CRC32 crc = new CRC32();
            crc.update(body);
            fixed.set("x-amz-crc32", Long.toString(crc.getValue()));
        }
        return new ResponseView(response.status(), fixed.build(), Body.of(body));
    }

    private static Headers scrubHeaders(Headers headers, List<String> secrets) {
        Headers.Builder builder = Headers.builder();
        headers.asMap().forEach((name, values) -> values.forEach(value -> {
            String clean = value;
            for (String secret : secrets) {
                clean = clean.replace(secret, REDACTED);
            }
            builder.add(name, clean);
        }));
        return builder.build();
    }
}
