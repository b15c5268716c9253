package io.gatehouse.approval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.approval.ApprovalView.Kind;
import io.gatehouse.api.approval.ApprovalView.Status;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.api.identity.SessionVerifier;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The approvals and grants control API, independent of the servlet container: a request (method, path below
 * {@code /api/v1}, query, the caller's session headers, body) gives a status and a JSON body. Every request
 * authenticates with the caller's session ({@code Authorization: Bearer TOKEN} and {@code X-Gatehouse-Proof}).
 */
public final class ControlApi {

    /** The approvals collection. */
    public static final String APPROVALS = "/api/v1/approvals";
    /** The grants collection. */
    public static final String GRANTS = "/api/v1/grants";
    /** The largest request body read. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Pattern ID = Pattern.compile("ap-[0-9a-f]{32}");

    /**
     * A request.
     *
     * @param method the HTTP method
     * @param path the path from {@code /api/v1/...} on, without query
     * @param query the query parameters (first value of each)
     * @param authorization the {@code Authorization} header, or null
     * @param proof the {@code X-Gatehouse-Proof} header, or null
     * @param body the body (at most {@link #MAX_BODY_BYTES})
     */
    public record Request(String method, String path, Map<String, String> query, String authorization, String proof,
                          byte[] body) {
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param body the JSON body
     */
    public record Response(int status, JsonNode body) {
    }

    private final ApprovalBook book;
    private final SessionVerifier verifier;

    /**
     * @param book the approvals
     * @param verifier authenticates callers by their session
     */
    public ControlApi(ApprovalBook book, SessionVerifier verifier) {
        this.book = book;
        this.verifier = verifier;
    }

    /**
     * @param request the request
     * @return the answer; errors are {@code {"error": ..., "error_description": ...}}
     */
    public Response handle(Request request) {
        try {
            Identity caller = authenticate(request);
            String path = request.path().replaceAll("/+$", "");
            if (path.equals(APPROVALS) || path.startsWith(APPROVALS + "/")) {
                return approvals(request, caller, segments(path.substring(APPROVALS.length())));
            }
            if (path.equals(GRANTS) || path.startsWith(GRANTS + "/")) {
                return grants(request, caller, segments(path.substring(GRANTS.length())));
            }
            throw new ReviewException(404, "not_found", "No such resource: " + request.path());
        } catch (ReviewException e) {
            return error(e.status(), e.error(), e.getMessage());
        }
    }

    private static List<String> segments(String rest) {
        return rest.isEmpty() ? List.of() : List.of(rest.substring(1).split("/", -1));
    }

    private Identity authenticate(Request request) throws ReviewException {
        String authorization = request.authorization();
        if (authorization == null || !authorization.startsWith("Bearer ") || request.proof() == null) {
            throw new ReviewException(401, "invalid_request", "Authenticate with Authorization: Bearer <your session "
                    + "token> and X-Gatehouse-Proof: base64url(HMAC-SHA256(secret access key, session token)).");
        }
        try {
            return verifier.verify(authorization.substring(7).strip(), request.proof().strip());
        } catch (AuthenticationException e) {
            throw new ReviewException(401, "invalid_token", e.getMessage());
        }
    }

    private Response approvals(Request request, Identity caller, List<String> path) throws ReviewException {
        if (path.isEmpty()) {
            requireMethod(request, "GET");
            return list(book.list(caller, kind(request), status(request)));
        }
        String id = id(path.get(0));
        if (path.size() == 1) {
            requireMethod(request, "GET");
            return ok(200, book.get(id, caller));
        }
        if (path.size() == 2 && path.get(1).equals("approve")) {
            requireMethod(request, "POST");
            return ok(200, book.approve(id, caller));
        }
        if (path.size() == 2 && path.get(1).equals("deny")) {
            requireMethod(request, "POST");
            return ok(200, book.deny(id, caller, reason(request)));
        }
        throw new ReviewException(404, "not_found", "Use GET " + APPROVALS + "/ID, POST " + APPROVALS
                + "/ID/approve or POST " + APPROVALS + "/ID/deny.");
    }

    private Response grants(Request request, Identity caller, List<String> path) throws ReviewException {
        if (path.isEmpty()) {
            if (request.method().equals("POST")) {
                ApprovalView grant = book.requestGrant(caller, grantRequest(request));
                return ok(grant.status() == Status.PENDING ? 202 : 200, grant);
            }
            requireMethod(request, "GET");
            return list(book.list(caller, Optional.of(Kind.GRANT), status(request)));
        }
        String id = id(path.get(0));
        if (path.size() == 1 && request.method().equals("DELETE")) {
            return ok(200, book.revokeGrant(id, caller));
        }
        if (path.size() == 1) {
            requireMethod(request, "GET");
            ApprovalView view = book.get(id, caller);
            if (view.kind() != Kind.GRANT) {
                throw new ReviewException(404, "not_found", "No grant " + id + ".");
            }
            return ok(200, view);
        }
        throw new ReviewException(404, "not_found", "Use GET or DELETE " + GRANTS + "/ID.");
    }

    private static String id(String segment) throws ReviewException {
        if (!ID.matcher(segment).matches()) {
            throw new ReviewException(404, "not_found", "Approval ids look like ap-<32 hex digits>.");
        }
        return segment;
    }

    private static void requireMethod(Request request, String method) throws ReviewException {
        if (!request.method().equals(method)) {
            throw new ReviewException(405, "method_not_allowed", "Use " + method + " here.");
        }
    }

    private static Optional<Status> status(Request request) throws ReviewException {
        String value = request.query().get("status");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Status.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ReviewException(400, "invalid_request", "status is one of pending, approved, denied, expired, "
                    + "used, revoked.");
        }
    }

    private static Optional<Kind> kind(Request request) throws ReviewException {
        String value = request.query().get("kind");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Kind.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ReviewException(400, "invalid_request", "kind is call or grant.");
        }
    }

    private static JsonNode body(Request request) throws ReviewException {
        if (request.body().length == 0) {
            return ApprovalJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode json = ApprovalJson.MAPPER.readTree(request.body());
            if (json == null || !json.isObject()) {
                throw new ReviewException(400, "invalid_request", "Send a JSON object.");
            }
            return json;
        } catch (IOException e) {
            throw new ReviewException(400, "invalid_request", "The body is not valid JSON.");
        }
    }

    private static String reason(Request request) throws ReviewException {
        JsonNode reason = body(request).get("reason");
        if (reason == null || reason.isNull()) {
            return "";
        }
        if (!reason.isTextual() || reason.asText().length() > 1000 || reason.asText().chars().anyMatch(c -> c < 0x20)) {
            throw new ReviewException(400, "invalid_request", "reason is a string of at most 1000 characters on one "
                    + "line.");
        }
        return reason.asText().strip();
    }

    private static GrantRequest grantRequest(Request request) throws ReviewException {
        JsonNode body = body(request);
        Duration duration;
        try {
            duration = body.hasNonNull("duration") ? Duration.parse(body.get("duration").asText()) : null;
        } catch (DateTimeParseException e) {
            duration = null;
        }
        JsonNode reason = body.get("reason");
        return GrantRequest.validated(strings(body.get("actions")), strings(body.get("resources")), duration,
                reason != null && reason.isTextual() ? reason.asText() : null);
    }

    private static List<String> strings(JsonNode array) throws ReviewException {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> values = new java.util.ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new ReviewException(400, "invalid_request", "actions and resources are lists of strings.");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static Response ok(int status, ApprovalView view) {
        return new Response(status, ApprovalJson.view(view));
    }

    private static Response list(List<ApprovalView> views) {
        ObjectNode json = ApprovalJson.MAPPER.createObjectNode();
        ArrayNode items = json.putArray("approvals");
        views.forEach(view -> items.add(ApprovalJson.view(view)));
        return new Response(200, json);
    }

    static Response error(int status, String error, String description) {
        ObjectNode json = ApprovalJson.MAPPER.createObjectNode();
        json.put("error", error);
        json.put("error_description", description);
        return new Response(status, json);
    }
}
