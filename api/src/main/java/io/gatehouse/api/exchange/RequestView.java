package io.gatehouse.api.exchange;

import java.util.Objects;

/**
 * A read-only view of the HTTP request a client sent to the data plane, exactly as received.
 *
 * @param method the HTTP method, upper case
 * @param rawPath the request path as sent, still percent-encoded
 * @param rawQuery the query string as sent, without the {@code ?}, empty when absent
 * @param headers the request headers
 * @param body the request body
 * @since 1.0
 */
public record RequestView(String method, String rawPath, String rawQuery, Headers headers, Body body) {

    /** Validates that no component is null. */
    public RequestView {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
