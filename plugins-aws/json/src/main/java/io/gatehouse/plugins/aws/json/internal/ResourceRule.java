package io.gatehouse.plugins.aws.json.internal;

import java.util.List;

/**
 * One resource an operation touches: its type and the request members that may name it. Several members are
 * alternatives for the same resource (CloudWatch Logs' {@code logGroupName} and {@code logGroupIdentifier}): when
 * more than one is present they must resolve to the same ARN. A member written {@code Names[]} names one resource
 * per element and must be the rule's only member.
 *
 * @param type the resource type
 * @param from member references: {@code Name} (body), {@code Names[]} (each element of a body list),
 *        {@code {Name}} (path variable), {@code ?Name} (query parameter)
 * @param optional whether the operation may name no resource of this rule
 * @param qualifier a member reference whose value is appended as {@code :<value>} (Lambda's {@code ?Qualifier}),
 *        or null
 */
record ResourceRule(ResourceType type, List<String> from, boolean optional, String qualifier) {

    ResourceRule {
        from = List.copyOf(from);
    }
}
