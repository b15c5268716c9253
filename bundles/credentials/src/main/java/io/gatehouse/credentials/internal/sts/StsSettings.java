package io.gatehouse.credentials.internal.sts;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The validated configuration of {@link StsCredentialBroker}.
 *
 * @param roles which role a call's credentials come from
 * @param region the region of the STS endpoint
 * @param endpoint an STS endpoint overriding the regional one
 * @param baseKeys the static keys STS is called with; empty for the SDK's default provider chain
 * @param duration the lifetime requested for each session
 * @param refreshMargin cached credentials expiring within it are never used
 * @param cacheMaxEntries the most cached credential sets
 * @param threads threads calling STS
 * @param queue AssumeRole calls that may wait for a thread
 * @param timeout time limit of one AssumeRole, retries included
 * @param maxAttempts attempts per AssumeRole
 * @param transitiveTags whether the subject and chain tags are transitive
 */
record StsSettings(RoleMapping roles, String region, Optional<URI> endpoint, Optional<BaseKeys> baseKeys,
                   Duration duration, Duration refreshMargin, int cacheMaxEntries, int threads, int queue,
                   Duration timeout, int maxAttempts, boolean transitiveTags) {

    /** Shortest session STS allows. */
    static final Duration MIN_DURATION = Duration.ofMinutes(15);
    /** Longest session STS allows (the role's own maximum may be lower). */
    static final Duration MAX_DURATION = Duration.ofHours(12);

    /**
     * Static keys STS is called with; {@link #toString()} hides the secret and token.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret
     * @param sessionToken the session token of temporary keys, empty otherwise
     */
    record BaseKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "BaseKeys[accessKeyId=" + accessKeyId + ", secret=****]";
        }
    }

    /** Checks the ranges and relations between values. */
    StsSettings {
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(StsCredentialsConfig.PID + ": duration.seconds must be between 900 "
                    + "and 43200, not " + duration.toSeconds());
        }
        if (refreshMargin.isNegative() || refreshMargin.compareTo(duration.minusMinutes(1)) > 0) {
            throw new IllegalArgumentException(StsCredentialsConfig.PID + ": refresh.margin.seconds ("
                    + refreshMargin.toSeconds() + ") must be at least 0 and at least 60 s shorter than "
                    + "duration.seconds (" + duration.toSeconds() + ")");
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException(StsCredentialsConfig.PID + ": sts.region is empty");
        }
        if (cacheMaxEntries < 1 || threads < 1 || queue < 1 || maxAttempts < 1 || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException(StsCredentialsConfig.PID + ": cache.max.entries, sts.threads, "
                    + "sts.queue, sts.max.attempts and sts.timeout.seconds must be positive");
        }
    }

    /**
     * @param config the component configuration
     * @return the validated settings
     * @throws IllegalArgumentException naming the offending key
     */
    static StsSettings from(StsCredentialsConfig config) {
        RoleMapping roles = RoleMapping.parse(config.role_default(), Arrays.asList(config.role_by_rule()),
                Arrays.asList(config.role_by_group()));
        String endpoint = trimmed(config.sts_endpoint());
        Optional<URI> endpointUri = endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint(endpoint));
        String keyId = trimmed(config.base_access_key_id());
        String secret = trimmed(config.base_secret_access_key());
        Optional<BaseKeys> keys = Optional.empty();
        if (!keyId.isEmpty() || !secret.isEmpty()) {
            if (keyId.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException(StsCredentialsConfig.PID + ": base.access.key.id and "
                        + "base.secret.access.key must be set together (or neither, for the default provider chain)");
            }
            String token = trimmed(config.base_session_token());
            keys = Optional.of(new BaseKeys(keyId, secret, token.isEmpty() ? Optional.empty() : Optional.of(token)));
        }
        return new StsSettings(roles, trimmed(config.sts_region()), endpointUri, keys,
                Duration.ofSeconds(config.duration_seconds()), Duration.ofSeconds(config.refresh_margin_seconds()),
                config.cache_max_entries(), config.sts_threads(), config.sts_queue(),
                Duration.ofSeconds(config.sts_timeout_seconds()), config.sts_max_attempts(), config.tags_transitive());
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(StsCredentialsConfig.PID + ": sts.endpoint '" + value
                    + "' is not an http(s) URL", e);
        }
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
