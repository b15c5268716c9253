package io.gatehouse.approval.internal;

import io.gatehouse.api.identity.SessionVerifier;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts servlet requests to the {@link ControlApi}. Registered in the HTTP whiteboard's default context (not the
 * Web Console's): callers are tools that authenticate with their session headers, never with cookies, so a
 * cross-site request carries no authority.
 */
abstract class ControlServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlServlet.class);

    private final transient ControlApi api;

    ControlServlet(ApprovalService approvals, SessionVerifier verifier) {
        this(new ControlApi(approvals.book(), verifier));
    }

    ControlServlet(ControlApi api) {
        this.api = api;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        ControlApi.Response answer;
        try {
            byte[] body = readBody(request);
            if (body == null) {
                answer = ControlApi.error(413, "invalid_request", "The body is larger than "
                        + ControlApi.MAX_BODY_BYTES + " bytes.");
            } else {
                Map<String, String> query = new HashMap<>();
                request.getParameterMap().forEach((name, values) -> query.put(name, values[0]));
                String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
                answer = api.handle(new ControlApi.Request(request.getMethod(), path, query,
                        request.getHeader("Authorization"), request.getHeader(SessionVerifier.PROOF_HEADER), body));
            }
        } catch (RuntimeException e) {
            LOG.error("Approval request {} {} failed", request.getMethod(), request.getRequestURI(), e);
            answer = ControlApi.error(500, "server_error", "The gateway could not answer; its log has the details.");
        }
        byte[] bytes = answer.body().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > ControlApi.MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(ControlApi.MAX_BODY_BYTES + 1);
            return body.length > ControlApi.MAX_BODY_BYTES ? null : body;
        }
    }
}
