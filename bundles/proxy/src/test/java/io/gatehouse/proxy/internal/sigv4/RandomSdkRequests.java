package io.gatehouse.proxy.internal.sigv4;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Random requests for the AWS SDK's signer: methods, paths with unicode, spaces, {@code %2F}, empty and dot
 * segments, queries with repeated names and empty or missing values, extra headers
 * with runs of whitespace and repeated values, random bodies, session tokens and signing times inside the skew.
 */
final class RandomSdkRequests {

    static final String SECRET = "gh/Secret+Key0123456789abcdefghijklmnopq";

    private static final List<SdkHttpMethod> METHODS = List.of(SdkHttpMethod.GET, SdkHttpMethod.POST,
            SdkHttpMethod.PUT, SdkHttpMethod.DELETE, SdkHttpMethod.HEAD, SdkHttpMethod.PATCH);
    private static final List<String> SEGMENTS = List.of("a", "Orders", "über", "日本語", "ሴ", "with space",
            "a/b", "x+y", "100%", "~tilde", "semi;colon", "emoji😀", "key=value", "MiXeD-Case_1.txt", "");
    private static final List<String> NAMES = List.of("a", "B", "list-type", "prefix", "x y", "ü", "same", "k=v");
    private static final List<String> VALUES = List.of("", "1", "x y", "a+b", "ü日本", "=&?", "~-._", "%", "/p/q");
    private static final List<String> HEADER_VALUES = List.of("  padded  ", "a   b    c", "tab\there", "plain",
            "MiXeD CaSe", "application/json; charset=utf-8", "v1,v2", "");

    private final Random random;
    private final Instant now;

    RandomSdkRequests(Random random, Instant now) {
        this.random = random;
        this.now = now;
    }

    /** A request to sign and how to sign it. */
    record Sample(SdkHttpFullRequest request, byte[] body, String service, boolean signPayload,
                  AwsCredentialsIdentity identity, Clock signingClock) {
    }

    Sample next() {
        boolean s3 = random.nextBoolean();
        byte[] body = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(300)];
        random.nextBytes(body);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(pick(METHODS))
                .uri(URI.create("https://" + host(s3)))
                .encodedPath(path(s3))
                .contentStreamProvider(() -> new ByteArrayInputStream(body));
        addQuery(request);
        addHeaders(request);
        Clock clock = Clock.fixed(now.plusSeconds(random.nextInt(601) - 300), ZoneOffset.UTC);
        return new Sample(request.build(), body, s3 ? "s3" : "dynamodb", !s3 || random.nextBoolean(), identity(),
                clock);
    }

    private String host(boolean s3) {
        String port = random.nextInt(4) == 0 ? ":8443" : "";
        return (s3 ? "bucket-" + random.nextInt(100) + ".s3.eu-west-1" : "dynamodb.eu-west-1") + ".amazonaws.com"
                + port;
    }

    /**
     * Segments encoded as the SDK's clients encode them, plus empty segments and dot segments. For services other
     * than S3 a {@code ..} never climbs above the root: there the SDK keeps it while RFC 3986 drops it.
     */
    private String path(boolean s3) {
        StringBuilder path = new StringBuilder();
        int segments = random.nextInt(6);
        for (int i = 0, depth = 0; i < segments; i++) {
            int kind = random.nextInt(8);
            String segment = kind == 0 ? "." : kind == 1 && (s3 || depth > 0) ? ".." : SdkHttpUtils.urlEncode(
                    pick(SEGMENTS));
            depth += segment.equals("..") ? -1 : segment.isEmpty() || segment.equals(".") ? 0 : 1;
            path.append('/').append(segment);
        }
        return path.length() == 0 || random.nextInt(4) == 0 ? path + "/" : path.toString();
    }

    private void addQuery(SdkHttpFullRequest.Builder request) {
        int parameters = random.nextInt(5);
        for (int i = 0; i < parameters; i++) {
            int choice = random.nextInt(VALUES.size() + 2);
            String value = choice == VALUES.size() ? null
                    : choice == VALUES.size() + 1 ? Long.toString(random.nextLong(), 36) : VALUES.get(choice);
            request.appendRawQueryParameter(pick(NAMES), value);
        }
    }

    private void addHeaders(SdkHttpFullRequest.Builder request) {
        int headers = random.nextInt(4);
        for (int i = 0; i < headers; i++) {
            String name = "X-Gh-Test-" + random.nextInt(3);
            request.appendHeader(name, pick(HEADER_VALUES));
        }
        if (random.nextBoolean()) {
            request.putHeader("Content-Type", "application/x-amz-json-1.0");
        }
    }

    private AwsCredentialsIdentity identity() {
        return random.nextInt(3) == 0
                ? AwsSessionCredentialsIdentity.create("ASIAGATEHOUSETEST01", SECRET, "token/" + random.nextInt())
                : AwsCredentialsIdentity.create("AKIAGATEHOUSETEST01", SECRET);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
