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
 * One DynamoDB JSON 1.0 call sent with the JDK HttpClient, signed (or not) by the AWS SDK v2 signer
 * with any key and any clock — the requests the CLI will not make: unsigned, or signed long ago.
 */
final class RawDynamoDbCall {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;
    private final String operation;
    private final String body;

    RawDynamoDbCall(URI endpoint, String operation, String body) {
        this.endpoint = endpoint;
        this.operation = operation;
        this.body = body;
    }

    /** An answer as the client received it. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers + "\n" + body;
        }
    }

    Response sendSigned(AccessKey key, String region, Instant signingTime) {
        return send(signedHeaders(key, region, signingTime));
    }

    /** Sends this call's body with headers signed for another request (a tampered request). */
    Response sendWithHeaders(Map<String, List<String>> headers) {
        return send(headers);
    }

    Response sendUnsigned() {
        return send(baseRequest().build().headers());
    }

    /** The full signed request's headers (Host, X-Amz-Date, Authorization, ...), for replaying elsewhere. */
    Map<String, List<String>> signedHeaders(AccessKey key, String region, Instant signingTime) {
        return AwsV4HttpSigner.create().sign(r -> r.identity(key.identity())
                        .request(baseRequest().build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC)))
                .request().headers();
    }

    String body() {
        return body;
    }

    private SdkHttpRequest.Builder baseRequest() {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation);
    }

    private Response send(Map<String, List<String>> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30));
        // The JDK sets Host itself, to the same host:port the signer used.
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + endpoint + " " + operation + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
