package io.gatehouse.identity.internal.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.identity.internal.jose.Base64UrlSpelling;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes and reads session tokens: compact JWS, {@code HS256} only, header {@code typ: gatehouse-session+jwt},
 * keyed with the key derived from the gateway key. The claims are {@code iss} ({@value #ISSUER}), {@code jti}
 * (session id), {@code sub}, {@code groups}, {@code act} (the delegation chain as nested RFC 8693 actor claims, the
 * current actor outermost), {@code scope} ({@code actions}, {@code resources}), {@code purpose}, {@code iat},
 * {@code exp} and {@code anc} (ancestor session ids, root first).
 */
public final class SessionTokens {

    /** The {@code iss} of every session token. */
    public static final String ISSUER = "gatehouse";
    /** The JOSE {@code typ} of every session token. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("gatehouse-session+jwt");
    /** Session tokens longer than this are refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 8192;
    /** The longest delegation chain a token may carry. */
    public static final int MAX_CHAIN = 32;

    private final MACSigner signer;
    private final MACVerifier verifier;

    /** @param key the gateway key */
    public SessionTokens(GatewayKey key) {
        try {
            byte[] jwsKey = key.jwsKey();
            this.signer = new MACSigner(jwsKey);
            this.verifier = new MACVerifier(jwsKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot key HS256", e);
        }
    }

    /**
     * @param claims the session
     * @return the signed, compact session token
     */
    public String write(SessionClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(ISSUER).jwtID(claims.sessionId()).subject(claims.subject())
                .claim("groups", new ArrayList<>(new java.util.TreeSet<>(claims.groups())))
                .claim("act", actorClaim(claims.delegationChain()))
                .claim("scope", Map.of("actions", claims.scope().actions(), "resources", claims.scope().resources()))
                .claim("purpose", claims.purpose())
                .issueTime(Date.from(claims.issuedAt())).expirationTime(Date.from(claims.expiresAt()))
                .claim("anc", claims.ancestors())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies a token's form, algorithm, type, issuer and signature. Expiry is the caller's to judge (it has the
     * clock).
     *
     * @param token a session token as presented by a client
     * @return its claims
     * @throws InvalidSessionTokenException when it is too long, malformed, not {@code HS256}, of another type or
     *         issuer, or not signed with this gateway's key
     */
    public SessionClaims read(String token) throws InvalidSessionTokenException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidSessionTokenException("the session token is longer than " + MAX_TOKEN_CHARS + " chars");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !Base64UrlSpelling.isCanonical(parts[0]) || !Base64UrlSpelling.isCanonical(parts[1])
                || !Base64UrlSpelling.isCanonical(parts[2])) {
            // nimbus decodes leniently (padding, non-zero unused bits): a token must have exactly one spelling
            throw new InvalidSessionTokenException("the session token is malformed");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())
                    || jwt.getHeader().getCriticalParams() != null && !jwt.getHeader().getCriticalParams().isEmpty()) {
                throw new InvalidSessionTokenException("the session token is not a Gatehouse session token");
            }
            if (!jwt.verify(verifier)) {
                throw new InvalidSessionTokenException("the session token is not signed by this gateway");
            }
            return claimsOf(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new InvalidSessionTokenException("the session token is malformed");
        }
    }

    private static SessionClaims claimsOf(JWTClaimsSet set) throws ParseException, InvalidSessionTokenException {
        if (!ISSUER.equals(set.getIssuer()) || set.getJWTID() == null || set.getSubject() == null
                || set.getIssueTime() == null || set.getExpirationTime() == null) {
            throw new InvalidSessionTokenException("the session token lacks required claims");
        }
        Map<String, Object> scope = set.getJSONObjectClaim("scope");
        if (scope == null) {
            throw new InvalidSessionTokenException("the session token has no scope");
        }
        String purpose = set.getStringClaim("purpose");
        return new SessionClaims(set.getJWTID(), set.getSubject(), Set.copyOf(strings(set.getClaim("groups"))),
                chainOf(set.getJSONObjectClaim("act")), new SessionScope(strings(scope.get("actions")),
                        strings(scope.get("resources"))), purpose == null ? "" : purpose,
                set.getIssueTime().toInstant(), set.getExpirationTime().toInstant(), strings(set.getClaim("anc")));
    }

    private static Map<String, Object> actorClaim(List<String> chain) {
        Map<String, Object> act = null;
        for (String actor : chain) {
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("sub", actor);
            if (act != null) {
                next.put("act", act);
            }
            act = next;
        }
        return act;
    }

    @SuppressWarnings("unchecked")
    private static List<String> chainOf(Map<String, Object> act) throws InvalidSessionTokenException {
        List<String> currentFirst = new ArrayList<>();
        Object node = act;
        while (node != null) {
            if (!(node instanceof Map) || !(((Map<String, Object>) node).get("sub") instanceof String actor)
                    || currentFirst.size() >= MAX_CHAIN) {
                throw new InvalidSessionTokenException("the session token has a malformed act claim");
            }
            currentFirst.add(actor);
            node = ((Map<String, Object>) node).get("act");
        }
        Collections.reverse(currentFirst);
        return currentFirst;
    }

    private static List<String> strings(Object value) throws InvalidSessionTokenException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new InvalidSessionTokenException("the session token has a malformed list claim");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /**
     * @param instant a time
     * @return the time in whole seconds, as a JWT numeric date carries it
     */
    public static Instant seconds(Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSecond());
    }
}
