package io.gatehouse.api.exchange;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a call does, decoded from the request by the adapter of its service: the AWS action and every resource it
 * touches. Policy decides on this value and forwarding sends the request it was decoded from, so the two never
 * disagree.
 *
 * @param service the signing name of the service, e.g. {@code dynamodb}; taken from the SigV4 credential scope
 * @param action the AWS action, e.g. {@code GetItem}
 * @param region the region from the SigV4 credential scope, e.g. {@code eu-west-1}
 * @param resources the ARNs of every resource the call touches, in request order, without duplicates
 * @param parameters key request parameters that policy conditions may test (e.g. {@code Limit}), by name
 * @since 1.0
 */
public record AwsOperation(String service, String action, String region, List<String> resources,
                           Map<String, String> parameters) {

    /** Copies the collections and validates that no component is null. */
    public AwsOperation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(region, "region");
        resources = List.copyOf(resources);
        parameters = Map.copyOf(parameters);
    }

    /** @return the IAM-style action name, e.g. {@code dynamodb:GetItem} */
    public String iamAction() {
        return service + ":" + action;
    }
}
