package io.gatehouse.identity.internal;

import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.CredentialResolver;
import io.gatehouse.api.identity.ResolvedCredential;
import io.gatehouse.api.identity.SessionVerifier;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.identity.internal.session.GatewayKey;
import io.gatehouse.identity.internal.session.GatewayKeyFile;
import io.gatehouse.identity.internal.session.GatewaySessions;
import java.io.IOException;
import java.nio.file.Path;
import io.gatehouse.identity.internal.session.RevocationList;
import java.time.Clock;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's session authority: holds the gateway key ({@code gateway.key} in {@code etc/io.gatehouse.identity.cfg},
 * or one generated into {@code data/gateway.key}), issues session credentials and, as a {@link CredentialResolver},
 * resolves them for the data plane; as a {@link SessionVerifier}, authenticates control-plane callers (e.g.
 * approval reviewers) by their session token and proof of possession.
 */
@Component(service = {SessionAuthority.class, CredentialResolver.class, SessionVerifier.class}, configurationPid = IdentityConfig.PID,
        property = CredentialResolver.NAME + "=gateway-sessions")
@Designate(ocd = IdentityConfig.class)
public final class SessionAuthority implements CredentialResolver, SessionVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SessionAuthority.class);

    private final GatewaySessions sessions;
    private final IdentityConfig config;

    /**
     * @param config the identity configuration
     * @param context the bundle context, for the installation folder
     * @throws IOException when a generated key cannot be read or written
     */
    @Activate
    public SessionAuthority(IdentityConfig config, BundleContext context) throws IOException {
        this.config = config;
        this.sessions = new GatewaySessions(key(config, context), Clock.systemUTC(),
                new RevocationList(Clock.systemUTC(), dataFile(context, "revocations")));
    }

    private static Path dataFile(BundleContext context, String name) {
        String home = context.getProperty("gatehouse.home");
        return home == null ? context.getDataFile(name).toPath() : Path.of(home, "data", name);
    }

    private static GatewayKey key(IdentityConfig config, BundleContext context) throws IOException {
        if (!config.gateway_key().isBlank()) {
            return GatewayKey.fromBase64(config.gateway_key());
        }
        Path file = dataFile(context, "gateway.key");
        if (GatewayKeyFile.ensure(file)) {
            LOG.warn("No gateway.key in etc/{}.cfg: generated one into {}. Sessions issued by this node cannot be "
                    + "verified by any other node; configure the same gateway.key on every node of a cluster.",
                    IdentityConfig.PID, file);
        } else {
            LOG.warn("Using the generated gateway key {}: fine for a single node, configure gateway.key in "
                    + "etc/{}.cfg for several nodes.", file, IdentityConfig.PID);
        }
        return GatewayKeyFile.read(file);
    }

    /** @return the sessions signed with the gateway key */
    public GatewaySessions sessions() {
        return sessions;
    }

    /** @return the configured session bounds */
    public IdentityConfig config() {
        return config;
    }

    @Override
    public Optional<ResolvedCredential> resolve(String accessKeyId, Optional<String> sessionToken)
            throws AuthenticationException {
        return sessions.resolve(accessKeyId, sessionToken);
    }

    @Override
    public Identity verify(String sessionToken, String proof) throws AuthenticationException {
        return sessions.authenticate(sessionToken, proof);
    }
}
