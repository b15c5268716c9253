package io.gatehouse.identity.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.exchange.SubjectTokenVerifier;
import io.gatehouse.identity.internal.exchange.TokenExchangeRequest;
import io.gatehouse.identity.internal.exchange.VerifiedSubject;
import io.gatehouse.identity.internal.oidc.OidcSettings;
import io.gatehouse.identity.internal.oidc.OidcTokenVerifier;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trusted OIDC issuer ({@code etc/io.gatehouse.identity.issuer-NAME.cfg}). Its JWKS comes from discovery (or
 * {@code jwks.url}), fetched on first use and cached with refresh-ahead, a rate limit for unknown key ids and an
 * outage tolerance. Only the control plane asks it anything: the data plane never contacts an identity provider.
 */
@Component(service = OidcIssuer.class, configurationPid = OidcIssuerConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OidcIssuerConfig.class, factory = true)
public final class OidcIssuer implements SubjectTokenVerifier {

    /** Subject token types an OIDC issuer handles. */
    public static final Set<String> TOKEN_TYPES = Set.of("urn:ietf:params:oauth:token-type:access_token",
            "urn:ietf:params:oauth:token-type:jwt");

    private static final Logger LOG = LoggerFactory.getLogger(OidcIssuer.class);

    private final OidcIssuerConfig config;
    private final OidcSettings settings;
    private volatile OidcTokenVerifier verifier;

    /**
     * @param config the issuer configuration
     * @param properties the configuration properties, for the file name
     */
    @Activate
    public OidcIssuer(OidcIssuerConfig config, Map<String, Object> properties) {
        this.config = config;
        this.settings = settings(config, nameOf(properties));
        LOG.info("Trusting OIDC issuer {} ({}) for audience {}", settings.name(), settings.issuer(),
                settings.audiences());
    }

    static OidcSettings settings(OidcIssuerConfig config, String name) {
        return new OidcSettings(name, config.issuer(), Set.of(config.audience()),
                Arrays.stream(config.algorithms()).map(JWSAlgorithm::parse).collect(Collectors.toSet()),
                Arrays.stream(config.token_types()).map(JOSEObjectType::new).collect(Collectors.toSet()),
                config.allow_missing_type(), config.groups_claim(), config.max_groups(),
                Arrays.asList(config.group_mappings()), config.max_token_chars(), config.clock_skew_seconds());
    }

    private static String nameOf(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String path = file.toString();
            String base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.cfg$", "");
            return base.substring(base.indexOf('-') + 1);
        }
        return String.valueOf(properties.getOrDefault("service.pid", "issuer"));
    }

    @Override
    public Optional<VerifiedSubject> verify(String tokenType, String token, TokenExchangeRequest request)
            throws OAuthError {
        if (!TOKEN_TYPES.contains(tokenType)) {
            return Optional.empty();
        }
        return verifier().verify(token);
    }

    private synchronized OidcTokenVerifier verifier() throws OAuthError {
        if (verifier == null) {
            verifier = new OidcTokenVerifier(settings, jwkSource(), Clock.systemUTC());
        }
        return verifier;
    }

    private JWKSource<SecurityContext> jwkSource() throws OAuthError {
        return jwkSource(jwksUrl(), config.jwks_cache_seconds(), config.jwks_min_refetch_seconds(),
                config.jwks_outage_tolerance_seconds());
    }

    /**
     * The JWKS of an issuer as the gateway uses it: cached, refreshed ahead of expiry in the background, fetched at
     * most once per {@code minRefetchSeconds} for unknown key ids, and served from the cache for
     * {@code outageSeconds} while the endpoint is down. Never retried in a loop. The fetch interval is capped at half
     * the cache lifetime.
     *
     * @param url the JWKS URL
     * @param cacheSeconds how long fetched keys are used
     * @param minRefetchSeconds the least time between two fetches
     * @param outageSeconds how long cached keys outlive a failing endpoint
     * @return the source
     */
    static JWKSource<SecurityContext> jwkSource(URL url, long cacheSeconds, long minRefetchSeconds,
                                                long outageSeconds) {
        long second = 1000L;
        long cacheMillis = cacheSeconds * second;
        return JWKSourceBuilder.<SecurityContext>create(url)
                .cache(cacheMillis, Math.min(15 * second, cacheMillis / 2))
                .refreshAheadCache(Math.min(30 * second, cacheMillis / 4), true)
                // Nimbus requires the rate-limit interval to be shorter than the cache lifetime.
                .rateLimited(Math.min(minRefetchSeconds * second, cacheMillis / 2))
                .outageTolerant(outageSeconds * second)
                .retrying(false)
                .build();
    }

    private URL jwksUrl() throws OAuthError {
        try {
            if (!config.jwks_url().isBlank()) {
                return URI.create(config.jwks_url()).toURL();
            }
            String discovery = config.issuer().replaceFirst("/$", "") + "/.well-known/openid-configuration";
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            Map<String, Object> metadata = JSONObjectUtils.parse(response.body());
            if (response.statusCode() != 200 || !config.issuer().equals(metadata.get("issuer"))
                    || !(metadata.get("jwks_uri") instanceof String jwks)) {
                throw new IllegalStateException("discovery at " + discovery + " answered " + response.statusCode()
                        + " without this issuer and a jwks_uri");
            }
            return URI.create(jwks).toURL();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private OAuthError unavailable(Exception e) {
        LOG.warn("OIDC discovery for issuer {} failed: {}", settings.name(), e.toString());
        return new OAuthError(503, "temporarily_unavailable", "The discovery document of issuer "
                + settings.name() + " cannot be fetched right now; try again later.");
    }
}
