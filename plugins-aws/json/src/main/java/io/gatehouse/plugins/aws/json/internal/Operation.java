package io.gatehouse.plugins.aws.json.internal;

import java.util.List;

/**
 * One action of a service table and how to find its resources.
 *
 * @param action the AWS action name, e.g. {@code GetSecretValue}
 * @param route the HTTP method and path template of a REST-JSON operation; null for JSON 1.0/1.1
 * @param opaqueBody whether the body is the caller's payload (Lambda Invoke) rather than a JSON request object
 * @param resources the rules that name the resources, in the order the ARNs are reported
 */
record Operation(String action, Route route, boolean opaqueBody, List<ResourceRule> resources) {

    Operation {
        resources = List.copyOf(resources);
    }
}
