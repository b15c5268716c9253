package io.gatehouse.api.credentials;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Supplies the upstream AWS credentials that Gatehouse signs an allowed call with. The client never sees them.
 * Register an implementation as an OSGi service; when several are present the one with the highest
 * {@code service.ranking} is used. Without any broker, every call is refused.
 *
 * @since 1.0
 */
@ConsumerType
public interface CredentialBroker {

    /** Service property: a short name of the broker shown in logs and the console (a String). */
    String NAME = "gatehouse.credentials.name";

    /**
     * Obtains credentials for one allowed call. Implementations should cache and must not block the calling thread
     * for network work: return a stage that completes later instead.
     *
     * @param identity who calls
     * @param operation what the call does
     * @param decision the decision that allowed it
     * @return a stage completing with credentials valid for at least the duration of the call, or exceptionally
     *         with a {@link CredentialException}
     */
    CompletionStage<UpstreamCredentials> credentialsFor(Identity identity, AwsOperation operation, Decision decision);
}
