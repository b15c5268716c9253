package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import io.gatehouse.proxy.internal.stream.StreamedResponseBody;
import io.gatehouse.proxy.internal.stream.StreamingScrubber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Removes upstream credentials from an upstream answer before a client sees it: AWS error bodies echo the access
 * key id, the string to sign and the canonical request, and a misbehaving upstream could echo anything.
 * <ul>
 * <li>Every body — held or streamed — passes a byte-level {@link StreamingScrubber} that masks the upstream access
 * key id, secret and session token in place with {@code *} of the same length, across chunk boundaries; a streamed
 * body keeps its Content-Length.</li>
 * <li>Held error bodies (status 300 and above) also lose the content of the S3 signature-diagnostic elements
 * ({@code AWSAccessKeyId}, {@code StringToSign}, {@code StringToSignBytes}, {@code CanonicalRequest},
 * {@code CanonicalRequestBytes}, {@code SignatureProvided}); they are held, so their new length is sent.</li>
 * <li>Header values lose the credentials; DynamoDB's {@code x-amz-crc32} is recomputed when a held body changes.</li>
 * </ul>
 */
final class ResponseScrubber {

    static final String REDACTED = "[redacted-by-gatehouse]";

    private static final Pattern DIAGNOSTICS = Pattern.compile("<(AWSAccessKeyId|StringToSign|StringToSignBytes|"
            + "CanonicalRequest|CanonicalRequestBytes|SignatureProvided)>[^<]*</\\1>");

    private ResponseScrubber() {
    }

    static ResponseView scrub(ResponseView response, UpstreamCredentials credentials) {
        List<String> secrets = new ArrayList<>(List.of(credentials.accessKeyId(), credentials.secretAccessKey()));
        credentials.sessionToken().ifPresent(secrets::add);
        Headers headers = scrubHeaders(response.headers(), secrets);
        if (response.body() instanceof StreamedResponseBody streamed) {
            return new ResponseView(response.status(), headers,
                    streamed.scrubbedBy(new StreamingScrubber(secrets)));
        }
        byte[] body = response.body().bytes();
        boolean changed = StreamingScrubber.maskAll(body, secrets) > 0;
        if (response.status() >= 300) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String clean = DIAGNOSTICS.matcher(text).replaceAll("<$1>" + REDACTED + "</$1>");
            if (!clean.equals(text)) {
                body = clean.getBytes(StandardCharsets.ISO_8859_1);
                changed = true;
            }
        }
        if (!changed && headers.equals(response.headers())) {
            return response;
        }
        Headers.Builder fixed = headers.toBuilder();
        if (changed && headers.contains("x-amz-crc32")) {
            CRC32 crc = new CRC32();
            crc.update(body);
            fixed.set("x-amz-crc32", Long.toString(crc.getValue()));
        }
        return new ResponseView(response.status(), fixed.build(), changed ? Body.of(body) : response.body());
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
