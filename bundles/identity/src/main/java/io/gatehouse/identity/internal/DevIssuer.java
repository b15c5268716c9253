package io.gatehouse.identity.internal;

import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.exchange.SubjectTokenVerifier;
import io.gatehouse.identity.internal.exchange.TokenExchangeRequest;
import io.gatehouse.identity.internal.exchange.VerifiedSubject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development issuer: with {@code enabled = true} in {@code etc/io.gatehouse.identity.dev.cfg}, a caller on
 * this machine exchanges {@code subject_token_type=urn:gatehouse:token-type:dev}, {@code subject_token=NAME} and
 * {@code groups=G1,G2} for credentials, without an identity provider. Anyone on the machine can then be anyone:
 * it is for trying Gatehouse out, and says so loudly.
 */
@Component(service = DevIssuer.class, configurationPid = DevIssuerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DevIssuerConfig.class)
public final class DevIssuer implements SubjectTokenVerifier {

    /** The token type of the development issuer. */
    public static final String TOKEN_TYPE = "urn:gatehouse:token-type:dev";

    private static final Logger LOG = LoggerFactory.getLogger(DevIssuer.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int MAX_GROUPS = 32;

    private final boolean enabled;

    /** @param config whether the issuer is on */
    @Activate
    public DevIssuer(DevIssuerConfig config) {
        this.enabled = config.enabled();
        if (enabled) {
            LOG.warn("**************************************************************************************");
            LOG.warn("DEVELOPMENT ISSUER ENABLED (etc/{}.cfg): anyone on this machine can obtain credentials",
                    DevIssuerConfig.PID);
            LOG.warn("for any user name and any groups. Never use this on a shared or production machine.");
            LOG.warn("**************************************************************************************");
        }
    }

    @Override
    public Optional<VerifiedSubject> verify(String tokenType, String token, TokenExchangeRequest request)
            throws OAuthError {
        if (!TOKEN_TYPE.equals(tokenType)) {
            return Optional.empty();
        }
        if (!enabled) {
            throw new OAuthError(400, "invalid_request", "The development issuer is disabled; set enabled = true "
                    + "in etc/" + DevIssuerConfig.PID + ".cfg on a development machine, or use an OIDC token.");
        }
        if (!request.fromLoopback()) {
            throw new OAuthError(403, "access_denied", "The development issuer answers callers on this machine "
                    + "(loopback) only.");
        }
        if (!NAME.matcher(token).matches()) {
            throw OAuthErrors.invalid("A development user name is 1-64 of A-Z a-z 0-9 . _ @ - (starting with a "
                    + "letter or digit).");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String group : request.groups()) {
            if (!NAME.matcher(group).matches() || groups.size() >= MAX_GROUPS) {
                throw OAuthErrors.invalid("groups must be at most " + MAX_GROUPS + " comma-separated names of "
                        + "A-Z a-z 0-9 . _ @ -.");
            }
            groups.add(group);
        }
        return Optional.of(new VerifiedSubject(token, groups, "dev"));
    }

    /** Small factory to keep messages in one form. */
    private static final class OAuthErrors {
        static OAuthError invalid(String description) {
            return new OAuthError(400, "invalid_request", description);
        }
    }
}
