package io.gatehouse.api.exchange;

import java.util.Objects;

/**
 * A read-only view of the HTTP response an upstream AWS endpoint returned.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the response body
 * @since 1.0
 */
public record ResponseView(int status, Headers headers, Body body) {

    /** Validates that no component is null. */
    public ResponseView {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
