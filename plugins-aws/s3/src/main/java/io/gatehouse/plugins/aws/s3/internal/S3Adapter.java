package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Decodes Amazon S3 REST calls, path-style ({@code /bucket/key}) or virtual-hosted-style
 * ({@code bucket.s3.REGION.amazonaws.com}, or {@code bucket.<a configured gateway domain>}), into the S3 operation and
 * the ARNs of the buckets and objects it touches ({@code arn:aws:s3:::bucket}, {@code arn:aws:s3:::bucket/key}).
 * A virtual-hosted call is forwarded path-style ({@link #forwardedRequest}) from the same parse, because the
 * upstream endpoint only ever sees its own Host. Stateless and thread-safe.
 */
@Component(configurationPid = S3AdapterConfig.PID, property = ServiceAdapter.SERVICE + "=s3")
@Designate(ocd = S3AdapterConfig.class)
public final class S3Adapter implements ServiceAdapter {

    private final VirtualHosts virtualHosts;

    /** An adapter that reads only the AWS virtual-hosted Hosts (no gateway domain). */
    public S3Adapter() {
        this(VirtualHosts.AWS_ONLY);
    }

    /** @param config the gateway's own S3 domains; defaults apply without a configuration */
    @Activate
    public S3Adapter(S3AdapterConfig config) {
        this(VirtualHosts.withDomains(config.virtual_host_domains()));
    }

    S3Adapter(VirtualHosts virtualHosts) {
        this.virtualHosts = virtualHosts;
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        S3Address address = address(request);
        S3Query query = S3Query.parse(request.rawQuery());
        List<String> copyHeaders = request.headers().all("x-amz-copy-source");
        if (copyHeaders.size() > 1) {
            throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "x-amz-copy-source is given more than once.");
        }
        String action = S3Routes.action(request.method(), address, query, !copyHeaders.isEmpty());
        Map<String, String> parameters = KeyParameters.of(query, request.headers());
        List<String> resources = resources(action, address, request, context, parameters);
        return new AwsOperation(context.service(), action, context.region(), resources, parameters);
    }

    /**
     * A virtual-hosted-style request becomes the path-style request for the same bucket and key: path
     * {@code /bucket/raw-key} with the key encoded exactly as the client sent it, the same query, headers and body,
     * and no Host header (the proxy sends the upstream endpoint's; a Host left here would make the request read as
     * virtual-hosted again). Path-style requests are returned unchanged.
     *
     * @throws IllegalStateException when the request's address does not parse, which {@link #decode} refused already
     */
    @Override
    public RequestView forwardedRequest(RequestView request, DecodeContext context) {
        S3Address address;
        try {
            address = address(request);
        } catch (DecodeException e) {
            throw new IllegalStateException("forwardedRequest called for a request decode refused: " + e.getMessage(),
                    e);
        }
        if (!address.virtualHosted()) {
            return request;
        }
        return new RequestView(request.method(), address.pathStyleRawPath(), request.rawQuery(),
                request.headers().toBuilder().remove("Host").build(), request.body());
    }

    private S3Address address(RequestView request) throws DecodeException {
        return S3Address.of(request.headers().first("Host"), request.rawPath(), virtualHosts);
    }

    private static List<String> resources(String action, S3Address address, RequestView request,
                                          DecodeContext context, Map<String, String> parameters)
            throws DecodeException {
        String prefix = "arn:" + context.partition() + ":s3:::";
        if (!address.hasBucket()) {
            return List.of();
        }
        LinkedHashSet<String> resources = new LinkedHashSet<>();
        if ("DeleteObjects".equals(action)) {
            List<String> keys = DeleteObjectsReader.keys(request.body());
            keys.forEach(key -> resources.add(prefix + address.bucket() + "/" + key));
            parameters.put("ItemCount", Integer.toString(keys.size()));
            return new ArrayList<>(resources);
        }
        resources.add(prefix + address.bucket() + (address.hasKey() ? "/" + address.key() : ""));
        Optional<String> copy = request.headers().first("x-amz-copy-source");
        if (copy.isPresent()) {
            CopySource source = CopySource.parse(copy.get());
            resources.add(prefix + source.bucket() + "/" + source.key());
            source.versionId().ifPresent(version -> parameters.put("x-amz-copy-source-version-id", version));
        }
        return new ArrayList<>(resources);
    }
}
