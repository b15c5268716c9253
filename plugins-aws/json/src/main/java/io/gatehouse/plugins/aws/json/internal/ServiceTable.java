package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.api.adapter.Protocol;
import java.util.List;
import java.util.Map;

/**
 * What one table file says about one service: its signing name, protocol, operations and key parameters.
 *
 * @param source where the table was read from, for messages
 * @param service the SigV4 signing name, also the service part of the ARNs built from names
 * @param protocol {@link Protocol#AWS_JSON_1_0}, {@link Protocol#AWS_JSON_1_1} or {@link Protocol#REST_JSON}
 * @param targetPrefix the {@code X-Amz-Target} prefix with its dot (JSON protocols); null for REST-JSON
 * @param operations every operation; for JSON protocols one per action name
 * @param parameters member references to the parameter names policy sees
 * @param counts parameter names to list members whose size they report
 * @param ranking the {@code service.ranking} of the adapter registered for this table
 */
record ServiceTable(String source, String service, Protocol protocol, String targetPrefix, List<Operation> operations,
                    Map<String, String> parameters, Map<String, String> counts, int ranking) {

    ServiceTable {
        operations = List.copyOf(operations);
        parameters = Map.copyOf(parameters);
        counts = Map.copyOf(counts);
    }

    boolean isRest() {
        return protocol == Protocol.REST_JSON;
    }
}
