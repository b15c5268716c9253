package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * One query-protocol call (a form POST, e.g. {@code Action=ListQueues&Version=2012-11-05}) sent with the JDK
 * HttpClient and signed by the AWS SDK v2 signer: the requests real clients never make (a parameter twice, two
 * actions), written byte for byte.
 */
final class RawQueryCall {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;
    private final String service;
    private final String path;
    private final String query;
    private final String form;

    /**
     * @param query the raw query string, empty for none
     * @param form the raw form body
     */
    RawQueryCall(URI endpoint, String service, String path, String query, String form) {
        this.endpoint = endpoint;
        this.service = service;
        this.path = path;
        this.query = query;
        this.form = form;
    }

    RawDynamoDbCall.Response sendSigned(AccessKey key, String region) {
        URI uri = endpoint.resolve(path + (query.isEmpty() ? "" : "?" + query));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(key.identity())
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(form))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC)))
                .request().headers();
        HttpRequest.Builder http = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new RawDynamoDbCall.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
