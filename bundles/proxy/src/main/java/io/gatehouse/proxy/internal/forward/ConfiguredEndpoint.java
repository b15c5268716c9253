package io.gatehouse.proxy.internal.forward;

import java.net.URI;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One configured upstream endpoint; one component instance per {@code io.gatehouse.proxy.endpoint-NAME.cfg}. */
@Component(service = ConfiguredEndpoint.class, configurationPid = EndpointConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EndpointConfig.class, factory = true)
public final class ConfiguredEndpoint {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String service;
    private final String region;
    private final URI url;

    /**
     * @param config the endpoint's configuration
     * @throws IllegalArgumentException when a value has the wrong shape (the endpoint stays inactive)
     */
    @Activate
    public ConfiguredEndpoint(EndpointConfig config) {
        this(config.service(), config.region(), config.url());
    }

    public ConfiguredEndpoint(String service, String region, String url) {
        if (service == null || !NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("service must be a SigV4 signing name such as dynamodb");
        }
        if (region == null || !("*".equals(region) || NAME.matcher(region).matches())) {
            throw new IllegalArgumentException("region must be a region name such as eu-west-1, or *");
        }
        this.service = service;
        this.region = region;
        this.url = parseUrl(url);
    }

    private static URI parseUrl(String url) {
        URI uri = URI.create(url == null ? "" : url.trim());
        String scheme = uri.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must be http://host[:port] or https://host[:port] without path");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    /** @return the service name */
    public String service() {
        return service;
    }

    /** @return the region, or {@code *} */
    public String region() {
        return region;
    }

    /** @return the endpoint URL: scheme, host and port only */
    public URI url() {
        return url;
    }
}
