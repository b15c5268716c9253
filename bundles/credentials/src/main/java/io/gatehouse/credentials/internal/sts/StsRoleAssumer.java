package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.credentials.UpstreamCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Calls STS AssumeRole with the AWS SDK (URL-connection HTTP client) and turns every failure into a
 * {@link CredentialException} whose message names the role, the reason it was chosen, STS's error code and HTTP
 * status, but never a key, a token, or STS's own message text (which can echo request details). Blocking: run it
 * on the broker's executor, never on a request thread.
 */
final class StsRoleAssumer implements AutoCloseable {

    private final StsClient client;
    private final AwsCredentialsProvider baseCredentials;
    private final String endpoint;

    /**
     * @param settings the endpoint, region, base credentials, timeout and attempts
     */
    StsRoleAssumer(StsSettings settings) {
        this.baseCredentials = settings.baseKeys().<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
                keys.sessionToken().<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                        token -> AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Duration timeout = settings.timeout();
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(baseCredentials)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout)
                        .build())
                .overrideConfiguration(config -> config.apiCallTimeout(timeout)
                        .retryStrategy(retry -> retry.maxAttempts(settings.maxAttempts())));
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
        this.endpoint = settings.endpoint().map(Object::toString)
                .orElse("the regional STS endpoint of " + settings.region());
    }

    /**
     * @param request the AssumeRole to make
     * @param reason why the role was chosen, e.g. {@code rule prod-delete}
     * @return the role's temporary credentials
     * @throws CredentialException when STS refuses, fails, cannot be reached or answers unreadably
     */
    UpstreamCredentials assume(SessionRequest request, String reason) {
        resolveBaseCredentials(request, reason);
        AssumeRoleResponse response;
        try {
            response = client.assumeRole(toSdk(request));
        } catch (StsException e) {
            throw refused(request, reason, e);
        } catch (SdkClientException e) {
            throw unreachable(request, reason, e);
        } catch (SdkException e) {
            throw new CredentialException(prefix(request, reason) + " failed: " + e.getClass().getSimpleName(), null);
        }
        Credentials credentials = response.credentials();
        if (credentials == null || blank(credentials.accessKeyId()) || blank(credentials.secretAccessKey())
                || blank(credentials.sessionToken()) || credentials.expiration() == null) {
            throw new CredentialException(prefix(request, reason) + " returned no complete credentials (key, "
                    + "secret, session token and expiration)", null);
        }
        return new UpstreamCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                Optional.of(credentials.sessionToken()), Optional.of(credentials.expiration()));
    }

    /** Tells "no base credentials" apart from STS failures; providers cache what they resolve. */
    private void resolveBaseCredentials(SessionRequest request, String reason) {
        try {
            baseCredentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new CredentialException(prefix(request, reason) + " was not attempted: the base credentials to "
                    + "call STS with could not be resolved (" + (baseCredentials instanceof DefaultCredentialsProvider
                    ? "AWS SDK default provider chain: environment, system properties, web identity token, profile, "
                    + "container, instance metadata; or set base.access.key.id" : "configured keys") + ")", null);
        }
    }

    private static AssumeRoleRequest toSdk(SessionRequest request) {
        return AssumeRoleRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(request.roleSessionName())
                .policy(request.policy())
                .sourceIdentity(request.sourceIdentity())
                .durationSeconds((int) request.duration().toSeconds())
                .tags(request.tags().stream().map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build())
                        .toList())
                .transitiveTagKeys(request.transitiveTagKeys())
                .build();
    }

    private static CredentialException refused(SessionRequest request, String reason, StsException e) {
        String code = e.awsErrorDetails() == null || blank(e.awsErrorDetails().errorCode()) ? "an unnamed error"
                : e.awsErrorDetails().errorCode();
        String requestId = blank(e.requestId()) ? "" : " (STS request id " + e.requestId() + ")";
        return new CredentialException(prefix(request, reason) + " was refused by STS: " + code + ", HTTP "
                + e.statusCode() + hint(code, e.statusCode()) + requestId, null);
    }

    private static String hint(String code, int status) {
        return switch (code) {
            case "AccessDenied" -> "; the base credentials may not assume this role, or its trust policy does not "
                    + "allow sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity for them";
            case "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException" ->
                    "; the base credentials Gatehouse calls STS with are not valid";
            case "Throttling", "ThrottlingException", "RequestLimitExceeded" ->
                    "; STS is throttling the gateway, retry later";
            case "PackedPolicyTooLarge" -> "; the session policy and tags are too large once packed";
            case "MalformedPolicyDocument" -> "; STS did not accept the generated session policy";
            case "RegionDisabledException" -> "; STS is not activated in this region for the account";
            default -> status >= 500 ? "; STS failed, retry later" : "";
        };
    }

    private CredentialException unreachable(SessionRequest request, String reason, SdkClientException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new CredentialException(prefix(request, reason) + " timed out waiting for " + endpoint, null);
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return new CredentialException(prefix(request, reason) + " could not reach " + endpoint + ": "
                    + cause.getClass().getSimpleName() + (blank(cause.getMessage()) ? "" : " (" + cause.getMessage()
                    + ")"), null);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException || String.valueOf(t.getMessage())
                    .startsWith("Unable to unmarshall")) {
                return new CredentialException(prefix(request, reason) + " got an answer from " + endpoint
                        + " that is not a readable STS response", null);
            }
        }
        return new CredentialException(prefix(request, reason) + " failed in the AWS SDK before STS answered ("
                + e.getClass().getSimpleName() + "); the gateway log has no more detail on purpose, as SDK messages "
                + "can carry request details", null);
    }

    private static String prefix(SessionRequest request, String reason) {
        return "AssumeRole of " + request.roleArn() + " (chosen by " + reason + ")";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void close() {
        client.close();
        if (baseCredentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
