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
import org.osgi.service.component.annotations.Component;

/**
 * Decodes Amazon S3 REST calls, path-style ({@code /bucket/key}) or virtual-hosted-style
 * ({@code bucket.s3.REGION.amazonaws.com}), into the S3 operation and the ARNs of the buckets and objects it
 * touches ({@code arn:aws:s3:::bucket}, {@code arn:aws:s3:::bucket/key}). Stateless and thread-safe.
 */
@Component(property = ServiceAdapter.SERVICE + "=s3")
public final class S3Adapter implements ServiceAdapter {

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        S3Address address = S3Address.of(request.headers().first("Host"), request.rawPath());
        if (address.virtualHosted()) {
            // the proxy forwards the raw path to the upstream endpoint's own Host: S3 would read the key as the bucket
            throw S3Errors.of(S3Errors.INVALID_ARGUMENT, "Gatehouse does not forward virtual-hosted-style S3"
                    + " requests yet (Host " + Printable.of(address.bucket()) + ".s3...amazonaws.com): address the"
                    + " bucket path-style (CLI: addressing_style = path; SDKs: forcePathStyle) at the gateway.");
        }
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
