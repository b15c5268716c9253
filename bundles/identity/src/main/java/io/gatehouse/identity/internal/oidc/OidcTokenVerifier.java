package io.gatehouse.identity.internal.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.exchange.VerifiedSubject;
import io.gatehouse.identity.internal.jose.Base64UrlSpelling;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies one issuer's OIDC tokens: size and nesting checked before parsing, the signature with a pinned
 * algorithm and a key from the issuer's JWKS only (never from {@code jku}, {@code x5u} or an embedded key), the
 * token type, then {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat} (within the skew) and {@code sub},
 * and finally the groups claim, which must be present and within bounds.
 */
public final class OidcTokenVerifier {

    private static final int MAX_NESTING = 16;
    private static final int MAX_GROUP_CHARS = 256;
    /** Claims only OpenID Connect ID tokens carry: an ID token proves a login to a client, not access to an API. */
    private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");

    private final OidcSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Clock clock;

    /**
     * @param settings how tokens are judged
     * @param keys the issuer's keys
     * @param clock the clock that judges times
     */
    public OidcTokenVerifier(OidcSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        Set<JOSEObjectType> types = new HashSet<>(settings.tokenTypes());
        if (settings.allowMissingType()) {
            types.add(null);
        }
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), keys));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
    }

    /** @return the settings */
    public OidcSettings settings() {
        return settings;
    }

    /**
     * @param token a token presented as subject token
     * @return the subject, or empty when the token names another issuer
     * @throws OAuthError when it names this issuer (or cannot be read at all) and is refused
     */
    public Optional<VerifiedSubject> verify(String token) throws OAuthError {
        SignedJWT jwt = parse(token);
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw refused("its claims are not a JSON object");
        }
        if (!settings.issuer().equals(issuer)) {
            return Optional.empty();
        }
        JWTClaimsSet claims = process(jwt);
        checkClaims(claims);
        return Optional.of(new VerifiedSubject(claims.getSubject(), groups(claims), settings.name()));
    }

    private SignedJWT parse(String token) throws OAuthError {
        if (token.length() > settings.maxTokenChars()) {
            throw refused("it is longer than " + settings.maxTokenChars() + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw refused("it is not a signed JWT (three dot-separated parts)");
        }
        for (String part : parts) {
            if (!Base64UrlSpelling.isCanonical(part)) {
                throw refused("its parts are not canonical unpadded base64url (a token has one spelling)");
            }
        }
        if (depth(new Base64URL(parts[0]).decode()) > MAX_NESTING || depth(new Base64URL(parts[1]).decode())
                > MAX_NESTING) {
            throw refused("its JSON is nested deeper than " + MAX_NESTING + " levels");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw refused("it cannot be parsed");
        }
        return jwt;
    }

    /** The nesting depth of JSON bytes, counted outside strings, without parsing. */
    static int depth(byte[] json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                max = Math.max(max, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return max;
    }

    private JWTClaimsSet process(SignedJWT jwt) throws OAuthError {
        try {
            return processor.process(jwt, null);
        } catch (BadJOSEException e) {
            throw refused("its signature, algorithm, key or type is not accepted (" + e.getMessage() + ")");
        } catch (JOSEException e) {
            throw new OAuthError(503, "temporarily_unavailable", "The keys of issuer " + settings.name()
                    + " cannot be fetched right now and the token's key is not among the cached ones; try again "
                    + "later.");
        }
    }

    private void checkClaims(JWTClaimsSet claims) throws OAuthError {
        Instant now = clock.instant();
        long skew = settings.skewSeconds();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        List<String> audience = claims.getAudience();
        if (claims.getSubject() == null || claims.getSubject().isBlank() || exp == null || iat == null
                || audience == null || audience.isEmpty()) {
            throw refused("it lacks one of the required claims iss, aud, exp, iat, sub");
        }
        if (ID_TOKEN_CLAIMS.stream().anyMatch(claim -> claims.getClaim(claim) != null)) {
            throw refused("it is an ID token (it carries " + ID_TOKEN_CLAIMS + "); exchange an access token");
        }
        if (audience.stream().noneMatch(settings.audiences()::contains)) {
            throw refused("its audience " + audience + " is not one this gateway accepts");
        }
        if (!now.isBefore(exp.toInstant().plusSeconds(skew))) {
            throw refused("it expired at " + exp.toInstant());
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant()
                .minusSeconds(skew))) {
            throw refused("it is not valid before " + claims.getNotBeforeTime().toInstant());
        }
        if (iat.toInstant().isAfter(now.plusSeconds(skew))) {
            throw refused("it was issued in the future (" + iat.toInstant() + ")");
        }
    }

    private Set<String> groups(JWTClaimsSet claims) throws OAuthError {
        Object value = claims.getClaim(settings.groupsClaim());
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw refused("its groups claim '" + settings.groupsClaim() + "' is missing or not a list of "
                    + "strings, so its groups are unresolved");
        }
        if (list.size() > settings.maxGroups() || list.stream().anyMatch(g -> ((String) g).length()
                > MAX_GROUP_CHARS)) {
            throw refused("its groups claim has more than " + settings.maxGroups() + " entries or an overlong "
                    + "entry, so its groups are unresolved");
        }
        Set<String> groups = new LinkedHashSet<>();
        list.forEach(g -> groups.add((String) g));
        for (String mapping : settings.groupMappings()) {
            int colon = mapping.indexOf(':');
            int equals = mapping.lastIndexOf('=');
            Object claim = claims.getClaim(mapping.substring(0, colon));
            String wanted = mapping.substring(colon + 1, equals);
            if (wanted.equals(claim) || claim instanceof List<?> values && values.contains(wanted)) {
                groups.add(mapping.substring(equals + 1));
            }
        }
        return groups;
    }

    private OAuthError refused(String why) {
        return new OAuthError(401, "invalid_request", "The subject token is refused by issuer " + settings.name()
                + ": " + why + ".");
    }
}
