package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.api.exchange.RequestView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SHA-256 an approval is bound to: method, service, region, path, query, every header that reaches upstream and
 * the body (for a streamed body, its signed {@code x-amz-content-sha256}, which forwarding enforces). Left out are only the parts that change each time the same command runs and never reach upstream as
 * meaning: the signature and its date and credentials, the SDK's per-invocation and retry headers, the user agent,
 * and the transport fields the body hash already covers. Re-running the same CLI command therefore gives the same
 * hash; changing any byte that upstream acts on gives another.
 */
public final class CanonicalCall {

    /** Headers that differ between runs of the same command and carry no meaning upstream. */
    static final Set<String> IGNORED = Set.of("authorization", "x-amz-date", "date", "x-amz-security-token",
            "x-amz-content-sha256", "content-length", "user-agent", "x-amz-user-agent", "amz-sdk-invocation-id",
            "amz-sdk-request", "x-amzn-trace-id", "expect", "connection", "keep-alive", "te", "transfer-encoding",
            "proxy-connection", "upgrade", "trailer");

    private CanonicalCall() {
    }

    /**
     * @param request the client's request
     * @param service the signing service from the credential scope
     * @param region the signing region from the credential scope
     * @return 64 lower-case hex digits
     */
    public static String hash(RequestView request, String service, String region) {
        MessageDigest digest = sha256();
        field(digest, request.method());
        field(digest, service);
        field(digest, region);
        field(digest, request.rawPath());
        List<String> query = new ArrayList<>(Arrays.asList(request.rawQuery().split("&", -1)));
        query.removeIf(String::isEmpty);
        query.sort(null);
        field(digest, String.join("&", query));
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers().asMap().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!IGNORED.contains(lower) && !lower.startsWith("x-gatehouse-")) {
                headers.computeIfAbsent(lower, key -> new ArrayList<>()).addAll(values);
            }
        });
        headers.forEach((name, values) -> field(digest, name + ":" + String.join("\n", values)));
        field(digest, bodyHash(request));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String bodyHash(RequestView request) {
        if (request.body().isStreamed()) {
            // The streamed body is checked against this signed hash while it is forwarded; a mismatch aborts it.
            return request.headers().first("x-amz-content-sha256").filter(CanonicalCall::isHexHash)
                    .orElseThrow(() -> new UnboundBodyException());
        }
        MessageDigest body = sha256();
        try (InputStream in = request.body().openStream()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(body.digest());
    }

    private static boolean isHexHash(String value) {
        return value.length() == 64 && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** A streamed body without a signed SHA-256 of its content: no approval can be bound to what it carries. */
    public static final class UnboundBodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnboundBodyException() {
            super("the streamed body carries no signed SHA-256 payload hash");
        }
    }

    /** Length-prefixed, so that no two different field lists give the same byte stream. */
    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
