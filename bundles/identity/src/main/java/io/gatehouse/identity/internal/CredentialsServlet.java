package io.gatehouse.identity.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.gatehouse.identity.internal.exchange.CredentialExchange;
import io.gatehouse.identity.internal.exchange.OAuthError;
import io.gatehouse.identity.internal.exchange.SubjectTokenVerifier;
import io.gatehouse.identity.internal.exchange.TokenExchangeRequest;
import io.gatehouse.identity.internal.session.GatewaySessions;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/credentials} on the control port: an RFC 8693 token exchange answered with AWS temporary
 * credentials in the {@code credential_process} JSON shape. It is registered in the HTTP whiteboard's default
 * context, not the Web Console's, so the console's same-origin filter does not apply (callers are tools, not
 * browsers, and authenticate with the token they exchange).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + CredentialsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=gatehouse-credentials"
})
public final class CredentialsServlet extends HttpServlet {

    /** The path of the endpoint. */
    public static final String PATH = "/api/v1/credentials";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsServlet.class);
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final transient CredentialExchange exchange;
    private volatile transient List<SubjectTokenVerifier> issuers = List.of();
    private volatile transient DevIssuer devIssuer;

    /** @param authority the session authority */
    @Activate
    public CredentialsServlet(@Reference SessionAuthority authority) {
        this.exchange = new CredentialExchange(authority.sessions(), new CredentialExchange.Bounds(
                authority.config().default_lifetime_seconds(), authority.config().max_lifetime_seconds(),
                authority.config().max_delegation_depth()),
                Clock.systemUTC());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindIssuer(OidcIssuer issuer) {
        List<SubjectTokenVerifier> next = new ArrayList<>(issuers);
        next.add(issuer);
        issuers = List.copyOf(next);
    }

    synchronized void unbindIssuer(OidcIssuer issuer) {
        List<SubjectTokenVerifier> next = new ArrayList<>(issuers);
        next.remove(issuer);
        issuers = List.copyOf(next);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDevIssuer(DevIssuer issuer) {
        devIssuer = issuer;
    }

    void unbindDevIssuer(DevIssuer issuer) {
        if (devIssuer == issuer) {
            devIssuer = null;
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        try {
            if (request.getContentLengthLong() > MAX_FORM_BYTES) {
                throw new OAuthError(413, "invalid_request", "The request is larger than " + MAX_FORM_BYTES
                        + " bytes.");
            }
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                throw new OAuthError(400, "invalid_request", "Send the parameters as "
                        + "application/x-www-form-urlencoded (RFC 8693).");
            }
            TokenExchangeRequest parsed = TokenExchangeRequest.parse(request.getParameterMap(),
                    isDirectFromLoopback(request));
            GatewaySessions.IssuedCredentials issued = exchange.exchange(parsed, verifiers());
            LOG.info("Issued session {} to {} (groups {}, chain {}, expires {}, purpose '{}')",
                    issued.claims().sessionId(), issued.claims().subject(), issued.claims().groups(),
                    issued.claims().delegationChain(), issued.expiration(), issued.claims().purpose());
            write(response, 200, credentialProcess(issued));
        } catch (OAuthError e) {
            LOG.info("Refused a credentials request from {}: {} {}", request.getRemoteAddr(), e.error(),
                    e.getMessage());
            writeError(response, e.status(), e.error(), e.getMessage());
        } catch (RuntimeException e) {
            // Fail closed with an answer the client can read; the message may name a token, so only the type is
            // logged with the stack.
            LOG.error("Credentials request from {} failed unexpectedly ({})", request.getRemoteAddr(),
                    e.getClass().getName());
            writeError(response, 500, "server_error", "The gateway could not issue credentials; its log has the "
                    + "details.");
        }
    }

    private static void writeError(HttpServletResponse response, int status, String code, String description)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("error_description", description);
        write(response, status, error);
    }

    private List<SubjectTokenVerifier> verifiers() {
        List<SubjectTokenVerifier> all = new ArrayList<>(issuers);
        DevIssuer dev = devIssuer;
        if (dev != null) {
            all.add(dev);
        }
        return all;
    }

    static Map<String, Object> credentialProcess(GatewaySessions.IssuedCredentials issued) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Version", 1);
        json.put("AccessKeyId", issued.accessKeyId());
        json.put("SecretAccessKey", issued.secretAccessKey());
        json.put("SessionToken", issued.sessionToken());
        json.put("Expiration", issued.expiration().toString());
        return json;
    }

    /** A request relayed by a proxy on this machine is not from this machine: its forwarding headers say so. */
    static boolean isDirectFromLoopback(HttpServletRequest request) {
        boolean forwarded = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
                || request.getHeader("X-Real-IP") != null;
        return !forwarded && isLoopback(request.getRemoteAddr());
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
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
