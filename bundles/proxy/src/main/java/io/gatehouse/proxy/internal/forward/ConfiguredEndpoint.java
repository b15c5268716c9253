package io.gatehouse.proxy.internal.forward;

import java.net.URI;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured upstream endpoint; one component instance per {@code io.gatehouse.proxy.endpoint-NAME.cfg}. An
 * invalid file still yields an instance, marked invalid: the resolver then refuses calls instead of silently sending
 * them to the AWS default endpoint the operator meant to replace.
 */
@Component(service = ConfiguredEndpoint.class, configurationPid = EndpointConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EndpointConfig.class, factory = true)
public final class ConfiguredEndpoint {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfiguredEndpoint.class);

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String service;
    private final String region;
    private final URI url;
    private final String problem;

    /**
     * @param config the endpoint's configuration
     * @param properties the raw configuration, for the PID named in error messages
     */
    @Activate
    public ConfiguredEndpoint(EndpointConfig config, java.util.Map<String, Object> properties) {
        ConfiguredEndpoint parsed;
        String error = null;
        try {
            parsed = new ConfiguredEndpoint(config.service(), config.region(), config.url());
        } catch (IllegalArgumentException e) {
            parsed = null;
            error = "endpoint configuration " + properties.getOrDefault("felix.fileinstall.filename",
                    properties.get("service.pid")) + " is invalid: " + e.getMessage();
            LOG.error("{}; calls are refused until it is fixed", error);
        }
        this.service = parsed == null ? "" : parsed.service;
        this.region = parsed == null ? "" : parsed.region;
        this.url = parsed == null ? null : parsed.url;
        this.problem = error;
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
        this.problem = null;
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

    /** @return why this endpoint's configuration is unusable, empty when it is valid */
    public java.util.Optional<String> problem() {
        return java.util.Optional.ofNullable(problem);
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
