package io.gatehouse.credentials.internal;

import io.gatehouse.api.credentials.CredentialBroker;
import io.gatehouse.api.credentials.UpstreamCredentials;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Signs every allowed call with one fixed set of upstream keys from {@code etc/io.gatehouse.credentials.static.cfg}.
 * Meant for local development against AWS-compatible servers; production uses short-lived STS credentials. The
 * component only exists while the configuration does, so without it every call is refused.
 */
@Component(configurationPid = StaticCredentialsConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = CredentialBroker.NAME + "=static")
@Designate(ocd = StaticCredentialsConfig.class)
public final class StaticCredentialBroker implements CredentialBroker {

    private final UpstreamCredentials credentials;

    /**
     * @param config the configured keys
     * @throws IllegalArgumentException when a key is blank (the component then stays inactive)
     */
    @Activate
    public StaticCredentialBroker(StaticCredentialsConfig config) {
        String token = config.session_token();
        this.credentials = new UpstreamCredentials(required(config.access_key_id(), "access.key.id"),
                required(config.secret_access_key(), "secret.access.key"),
                token == null || token.isBlank() ? Optional.empty() : Optional.of(token), Optional.empty());
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(StaticCredentialsConfig.PID + ": " + key + " is not set; no upstream "
                    + "credentials are available and every call is refused until it is");
        }
        return value.trim();
    }

    @Override
    public CompletionStage<UpstreamCredentials> credentialsFor(Identity identity, AwsOperation operation,
                                                               Decision decision) {
        return CompletableFuture.completedFuture(credentials);
    }
}
