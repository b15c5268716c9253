package io.gatehouse.proxy.internal.forward;

import io.gatehouse.proxy.internal.error.ErrorCode;
import io.gatehouse.proxy.internal.error.GatewayException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Decides where a call goes: the configured endpoint for its service and region, else one for its service in every
 * region, else the AWS regional endpoint {@code https://SERVICE.REGION.amazonaws.com}. Service and region come from
 * the client's credential scope, so they are checked to be plain names before they become part of a host name:
 * a client can never steer a call to a host of its choosing. While any endpoint file is invalid, every call is
 * refused: an operator who meant to redirect a service must never find it silently sent to AWS instead.
 */
@Component(service = EndpointResolver.class)
public final class EndpointResolver {

    private volatile List<ConfiguredEndpoint> endpoints = List.of();

    /**
     * @param service the SigV4 signing name
     * @param region the region
     * @return the endpoint URL (scheme, host, port)
     * @throws GatewayException when the names are not plain names
     */
    public URI resolve(String service, String region) {
        if (!ConfiguredEndpoint.NAME.matcher(service).matches() || !ConfiguredEndpoint.NAME.matcher(region).matches()) {
            throw new GatewayException(ErrorCode.ENDPOINT_NOT_ALLOWED,
                    "The credential scope names service '" + service + "' in region '" + region
                            + "': these are not valid AWS names, so no endpoint is allowed for them.");
        }
        List<ConfiguredEndpoint> current = endpoints;
        current.stream().flatMap(endpoint -> endpoint.problem().stream()).findFirst().ifPresent(problem -> {
            throw new GatewayException(ErrorCode.ENDPOINT_NOT_ALLOWED, "Gatehouse refuses calls while an "
                    + problem + ". Fix the file in etc/.");
        });
        return find(current, service, region)
                .or(() -> find(current, service, "*"))
                .orElseGet(() -> URI.create("https://" + service + "." + region + ".amazonaws.com"));
    }

    private static java.util.Optional<URI> find(List<ConfiguredEndpoint> endpoints, String service, String region) {
        return endpoints.stream()
                .filter(endpoint -> endpoint.service().equals(service) && endpoint.region().equals(region))
                .map(ConfiguredEndpoint::url).findFirst();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindEndpoint(ConfiguredEndpoint endpoint) {
        List<ConfiguredEndpoint> next = new ArrayList<>(endpoints);
        next.add(endpoint);
        endpoints = List.copyOf(next);
    }

    public synchronized void unbindEndpoint(ConfiguredEndpoint endpoint) {
        List<ConfiguredEndpoint> next = new ArrayList<>(endpoints);
        next.remove(endpoint);
        endpoints = List.copyOf(next);
    }
}
