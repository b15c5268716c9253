package io.gatehouse.identity.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.gatehouse.api.identity.AuthenticationException;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.session.GatewaySessions;
import io.gatehouse.identity.internal.session.SessionClaims;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /api/v1/sessions/{id}}: revokes a session and, through the ancestor ids every session token
 * carries, all its descendants; the data plane refuses them from the next request on. The caller authenticates
 * with a session it holds ({@code Authorization: Bearer SESSION_TOKEN} and {@code X-Gatehouse-Proof}, as for
 * delegation) and may revoke that session itself, or a descendant whose token it presents in
 * {@code X-Gatehouse-Target-Token}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + SessionsServlet.PATH + "/*",
    "osgi.http.whiteboard.servlet.name=gatehouse-sessions"
})
public final class SessionsServlet extends HttpServlet {

    /** The path of the collection. */
    public static final String PATH = "/api/v1/sessions";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SessionsServlet.class);
    private static final Pattern SESSION_ID = Pattern.compile("gs-[0-9a-f]{32}");

    private final transient GatewaySessions sessions;

    /** @param authority the session authority */
    @Activate
    public SessionsServlet(@Reference SessionAuthority authority) {
        this.sessions = authority.sessions();
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        try {
            String id = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
            if (!SESSION_ID.matcher(id).matches()) {
                throw new OAuthError(404, "not_found", "Name a session: DELETE " + PATH + "/gs-<32 hex digits>.");
            }
            SessionClaims caller = caller(request);
            SessionClaims target = id.equals(caller.sessionId()) ? caller : descendant(request, id, caller);
            sessions.revocations().revoke(id, target.expiresAt());
            LOG.warn("Session {} of {} (chain {}) revoked with its descendants by session {}", id,
                    target.subject(), target.delegationChain(), caller.sessionId());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("revoked", id);
            write(response, 200, answer);
        } catch (OAuthError e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.error());
            error.put("error_description", e.getMessage());
            write(response, e.status(), error);
        }
    }

    private SessionClaims caller(HttpServletRequest request) throws OAuthError {
        String authorization = request.getHeader("Authorization");
        String proof = request.getHeader("X-Gatehouse-Proof");
        if (authorization == null || !authorization.startsWith("Bearer ") || proof == null) {
            throw new OAuthError(401, "invalid_request", "Authenticate with Authorization: Bearer <your session "
                    + "token> and X-Gatehouse-Proof: base64url(HMAC-SHA256(secret access key, session token)).");
        }
        String token = authorization.substring(7).strip();
        try {
            SessionClaims caller = sessions.verify(token);
            if (!sessions.provesPossession(caller, token, proof)) {
                throw new OAuthError(401, "invalid_request", "X-Gatehouse-Proof was not made with the session's "
                        + "secret access key.");
            }
            return caller;
        } catch (AuthenticationException e) {
            throw new OAuthError(401, "invalid_request", e.getMessage());
        }
    }

    private SessionClaims descendant(HttpServletRequest request, String id, SessionClaims caller)
            throws OAuthError {
        String token = request.getHeader("X-Gatehouse-Target-Token");
        if (token == null) {
            throw new OAuthError(403, "access_denied", "You may revoke your own session, or a descendant whose "
                    + "session token you send in X-Gatehouse-Target-Token.");
        }
        try {
            SessionClaims target = sessions.verify(token);
            if (!target.sessionId().equals(id) || !target.ancestors().contains(caller.sessionId())) {
                throw new OAuthError(403, "access_denied", "Session " + id + " is not a descendant of your session.");
            }
            return target;
        } catch (AuthenticationException e) {
            throw new OAuthError(400, "invalid_request", "X-Gatehouse-Target-Token is refused: " + e.getMessage());
        }
    }

    private static void write(HttpServletResponse response, int status, Map<String, Object> body)
            throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
