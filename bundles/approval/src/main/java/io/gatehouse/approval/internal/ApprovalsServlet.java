package io.gatehouse.approval.internal;

import io.gatehouse.api.identity.SessionVerifier;
import jakarta.servlet.Servlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/approvals[/ID[/approve|/deny]]}: list, show, approve and deny approvals. */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + ControlApi.APPROVALS + "/*",
    "osgi.http.whiteboard.servlet.name=gatehouse-approvals"
})
public final class ApprovalsServlet extends ControlServlet {

    private static final long serialVersionUID = 1L;

    /**
     * @param approvals the approval service
     * @param verifier authenticates reviewers by their session
     */
    @Activate
    public ApprovalsServlet(@Reference ApprovalService approvals, @Reference SessionVerifier verifier) {
        super(approvals, verifier);
    }

    /** @param api the control API (tests, outside a framework) */
    ApprovalsServlet(ControlApi api) {
        super(api);
    }
}
