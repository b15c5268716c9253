package io.gatehouse.console.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses state-changing Web Console requests (POST, PUT, DELETE, ...) that do not come from the console's own
 * origin, with 403. The Felix Web Console has no CSRF token: without this filter, a page on any site could make
 * a logged-in administrator's browser stop bundles or change configuration.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.pattern=/*",
    "osgi.http.whiteboard.filter.name=gatehouse-console-same-origin",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + ConsoleCsrfFilter.CONSOLE_CONTEXT + ")"
})
public final class ConsoleCsrfFilter implements Filter {

    /** The servlet context name the Felix Web Console registers under. */
    static final String CONSOLE_CONTEXT = "org.apache.felix.webconsole";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCsrfFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        Optional<String> refusal = SameOriginCheck.refusal(http.getMethod(), http.getScheme(),
                http.getHeader("Host"), http.getHeader("Origin"), http.getHeader("Referer"));
        if (refusal.isPresent()) {
            LOG.warn("Refused {} {} from {}: {}", http.getMethod(), http.getRequestURI(), http.getRemoteAddr(),
                    refusal.get());
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Cross-site request refused: " + refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }
}
