package io.gatehouse.console.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request to the console may change state: only when the browser says it comes from the
 * console's own origin. Browsers send {@code Origin} on every cross-site POST (and {@code Origin: null} when the
 * page hides where it comes from), so a request from another site can never pass. Requests without {@code Origin}
 * and {@code Referer} are refused too: scripts that use the console must name its origin.
 */
public final class SameOriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private SameOriginCheck() {
    }

    /**
     * @param method the HTTP method
     * @param scheme the scheme the request arrived with (http or https)
     * @param host the {@code Host} header, or null
     * @param origin the {@code Origin} header, or null
     * @param referer the {@code Referer} header, or null
     * @return why the request is refused, or empty when it may proceed
     */
    public static Optional<String> refusal(String method, String scheme, String host, String origin, String referer) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (host == null || host.isBlank()) {
            return Optional.of("the request has no Host header");
        }
        Optional<String> own = normalise(scheme + "://" + host);
        if (own.isEmpty()) {
            return Optional.of("the Host header is not valid");
        }
        String claimed = origin != null ? origin : referer;
        String header = origin != null ? "Origin" : "Referer";
        if (claimed == null) {
            return Optional.of("the request names no Origin or Referer; send Origin: " + own.get());
        }
        Optional<String> from = normalise(claimed);
        if (from.isEmpty() || !from.get().equals(own.get())) {
            return Optional.of(header + " '" + claimed + "' is not the console's origin " + own.get());
        }
        return Optional.empty();
    }

    /** @return {@code scheme://host:port} in lower case with the port always present, or empty when unparseable */
    static Optional<String> normalise(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
