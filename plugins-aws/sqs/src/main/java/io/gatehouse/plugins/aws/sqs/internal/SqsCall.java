package io.gatehouse.plugins.aws.sqs.internal;

import java.util.Map;

/**
 * One SQS call as read from either protocol: the action, its top-level scalar parameters as text, and how many
 * batch entries it carries.
 *
 * @param action a known SQS action
 * @param values top-level scalar parameters by name, as text (query protocol: every parameter)
 * @param entries the number of batch entries, or -1 for an action that is not a batch
 */
record SqsCall(String action, Map<String, String> values, int entries) {

    SqsCall {
        values = Map.copyOf(values);
    }

    /** @return the parameter's text, or null when the call does not carry it */
    String value(String name) {
        return values.get(name);
    }
}
