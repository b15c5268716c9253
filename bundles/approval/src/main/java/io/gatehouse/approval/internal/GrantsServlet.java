package io.gatehouse.approval.internal;

import io.gatehouse.api.identity.SessionVerifier;
import jakarta.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/grants[/ID]}: request, list and revoke just-in-time grants. */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + ControlApi.GRANTS + "/*",
    "osgi.http.whiteboard.servlet.name=gatehouse-grants"
})
public final class GrantsServlet extends ControlServlet {

    private static final long serialVersionUID = 1L;

    /**
     * @param approvals the approval service
     * @param verifier authenticates callers by their session
     */
    @Activate
    public GrantsServlet(@Reference ApprovalService approvals, @Reference SessionVerifier verifier) {
        super(approvals, verifier);
    }

    /** @param api the control API (tests, outside a framework) */
    GrantsServlet(ControlApi api) {
        super(api);
    }
}
