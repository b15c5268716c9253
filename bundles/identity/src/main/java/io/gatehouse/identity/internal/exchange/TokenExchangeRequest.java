package io.gatehouse.identity.internal.exchange;

import io.gatehouse.identity.internal.session.SessionScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The form parameters of {@code POST /api/v1/credentials}, shaped like an RFC 8693 token exchange.
 *
 * @param subjectToken {@code subject_token}
 * @param subjectTokenType {@code subject_token_type}
 * @param scope {@code scope}: space-separated {@code action:PATTERN} and {@code resource:PATTERN} items; empty when
 *        none was requested
 * @param requestedLifetimeSeconds {@code requested_lifetime} in seconds, if given
 * @param purpose {@code purpose}, empty when none
 * @param groups {@code groups} (development issuer only), comma separated
 * @param actor {@code actor} (delegation): the name of the delegate the child session is for
 * @param proof {@code subject_token_proof} (delegation): base64url HMAC-SHA256 of the parent's session token under
 *        the parent's secret access key
 * @param fromLoopback whether the request came from a loopback address
 */
public record TokenExchangeRequest(String subjectToken, String subjectTokenType, Optional<SessionScope> scope,
                                   OptionalLong requestedLifetimeSeconds, String purpose, List<String> groups,
                                   Optional<String> actor, Optional<String> proof, boolean fromLoopback) {

    /** The only grant type accepted. */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^<>]]{0,256}");
    private static final int MAX_SCOPE_ITEMS = 64;

    /** Copies the groups. */
    public TokenExchangeRequest {
        groups = List.copyOf(groups);
    }

    /**
     * @param form the form parameters, each with its values
     * @param fromLoopback whether the caller is on this machine
     * @return the request
     * @throws OAuthError invalid_request / unsupported_grant_type with a description of what is wrong
     */
    public static TokenExchangeRequest parse(Map<String, String[]> form, boolean fromLoopback) throws OAuthError {
        String grantType = single(form, "grant_type").orElseThrow(() -> OAuthError.invalidRequest(
                "grant_type is missing; use " + GRANT_TYPE + "."));
        if (!GRANT_TYPE.equals(grantType)) {
            throw new OAuthError(400, "unsupported_grant_type", "Only grant_type=" + GRANT_TYPE
                    + " is supported.");
        }
        String token = single(form, "subject_token").filter(t -> !t.isEmpty()).orElseThrow(() ->
                OAuthError.invalidRequest("subject_token is missing: send the OIDC token (or Gatehouse session "
                        + "token) to exchange."));
        String type = single(form, "subject_token_type").orElseThrow(() -> OAuthError.invalidRequest(
                "subject_token_type is missing, e.g. urn:ietf:params:oauth:token-type:access_token."));
        String purpose = single(form, "purpose").orElse("");
        if (!PRINTABLE.matcher(purpose).matches()) {
            throw OAuthError.invalidRequest("purpose must be at most 256 printable characters without < or >.");
        }
        return new TokenExchangeRequest(token, type, scope(single(form, "scope")),
                lifetime(single(form, "requested_lifetime")), purpose,
                single(form, "groups").map(TokenExchangeRequest::commaList).orElse(List.of()),
                single(form, "actor"), single(form, "subject_token_proof"), fromLoopback);
    }

    private static Optional<String> single(Map<String, String[]> form, String name) throws OAuthError {
        String[] values = form.get(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw OAuthError.invalidRequest(name + " is given more than once; send it once.");
        }
        return Optional.of(values[0]);
    }

    private static OptionalLong lifetime(Optional<String> value) throws OAuthError {
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            if (seconds < 1) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(seconds);
        } catch (NumberFormatException e) {
            throw OAuthError.invalidRequest("requested_lifetime must be a positive number of seconds.");
        }
    }

    private static Optional<SessionScope> scope(Optional<String> value) throws OAuthError {
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        List<String> actions = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        String[] items = value.get().strip().split(" +");
        if (items.length > MAX_SCOPE_ITEMS) {
            throw new OAuthError(400, "invalid_scope", "scope has more than " + MAX_SCOPE_ITEMS + " items.");
        }
        for (String item : items) {
            if (item.startsWith("action:") && item.length() > 7) {
                actions.add(item.substring(7));
            } else if (item.startsWith("resource:") && item.length() > 9) {
                resources.add(item.substring(9));
            } else {
                throw new OAuthError(400, "invalid_scope", "scope items must be action:PATTERN or "
                        + "resource:PATTERN, separated by spaces (e.g. 'action:dynamodb:GetItem "
                        + "resource:arn:aws:dynamodb:*:*:table/Orders').");
            }
        }
        return Optional.of(new SessionScope(actions.isEmpty() ? List.of("*") : actions,
                resources.isEmpty() ? List.of("*") : resources));
    }

    private static List<String> commaList(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
