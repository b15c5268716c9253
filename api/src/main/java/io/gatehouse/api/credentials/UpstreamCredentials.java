package io.gatehouse.api.credentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials for signing upstream requests. {@link #toString()} never prints the secret or the token.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token of temporary credentials, empty for long-term keys
 * @param expiration when temporary credentials stop working, empty for long-term keys
 * @since 1.0
 */
public record UpstreamCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken,
                                  Optional<Instant> expiration) {

    /** Validates that no component is null or blank. */
    public UpstreamCredentials {
        if (Objects.requireNonNull(accessKeyId, "accessKeyId").isBlank()) {
            throw new IllegalArgumentException("accessKeyId is blank");
        }
        if (Objects.requireNonNull(secretAccessKey, "secretAccessKey").isBlank()) {
            throw new IllegalArgumentException("secretAccessKey is blank");
        }
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** Prints the access key id only. */
    @Override
    public String toString() {
        return "UpstreamCredentials[accessKeyId=" + accessKeyId + ", secret=****"
                + sessionToken.map(t -> ", sessionToken=****").orElse("")
                + expiration.map(e -> ", expiration=" + e).orElse("") + "]";
    }
}
