package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.exchange.AwsOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The inline session policy of one call: allow exactly the IAM actions the decided call is authorised against
 * ({@link IamPermissions}: usually just its own, e.g. {@code dynamodb:GetItem}) on exactly the resources the call
 * touches ({@code "*"} when it names none, as IAM requires for account-level actions). A policy longer than STS accepts
 * (2,048 characters of plain text) is compressed by replacing resources with the longest common ARN prefixes that
 * cover them ({@code prefix*}), never shorter than the resource type ({@code ...:table/}, {@code ...:bucket/}); when
 * that still does not fit, the call is refused. The policy is never widened to {@code "*"}.
 *
 * <p>Characters that IAM reads as wildcards or variables ({@code * ? $}) in a resource name are written as the
 * policy variables {@code ${*}}, {@code ${?}} and {@code ${$}}, so they match only themselves.
 *
 * @param actions the IAM actions, e.g. {@code dynamodb:GetItem}
 * @param resources the resource patterns as written in the policy
 * @param json the policy document
 * @param compressed whether resources were merged into wildcard patterns to fit
 */
record SessionPolicy(List<String> actions, List<String> resources, String json, boolean compressed) {

    /** The most plain-text characters STS accepts in an inline session policy. */
    static final int MAX_CHARS = 2048;

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9]{1,128}");

    /** Copies the lists. */
    SessionPolicy {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /**
     * @param operation the allowed call
     * @return its session policy
     * @throws CredentialException when the action is not a plain IAM action name or the policy cannot fit
     */
    static SessionPolicy forOperation(AwsOperation operation) {
        return forOperation(operation, MAX_CHARS);
    }

    /**
     * @param operation the allowed call
     * @param maxChars the most characters the document may have
     * @return its session policy
     */
    static SessionPolicy forOperation(AwsOperation operation, int maxChars) {
        if (!SERVICE.matcher(operation.service()).matches() || !ACTION.matcher(operation.action()).matches()) {
            throw new CredentialException("cannot write a session policy for action '" + operation.iamAction()
                    + "': it is not a plain IAM action name (letters and digits)", null);
        }
        List<String> actions = IamPermissions.of(operation);
        if (operation.resources().isEmpty()) {
            return new SessionPolicy(actions, List.of("*"), document(actions, List.of("*")), false);
        }
        List<ResourcePattern> patterns = new ArrayList<>();
        new TreeSet<>(operation.resources()).forEach(resource -> patterns.add(ResourcePattern.exact(resource)));
        List<String> exact = operation.resources().stream().map(ResourcePattern::escape).toList();
        String json = document(actions, exact);
        if (json.length() <= maxChars) {
            return new SessionPolicy(actions, exact, json, false);
        }
        while (true) {
            List<String> written = patterns.stream().map(ResourcePattern::toPolicyText).toList();
            json = document(actions, written);
            int excess = json.length() - maxChars;
            if (excess <= 0) {
                return new SessionPolicy(actions, written, json, true);
            }
            if (!mergeClosestPair(patterns) && !truncateLongest(patterns, excess)) {
                throw new CredentialException("the session policy for " + operation.iamAction() + " on "
                        + operation.resources().size() + " resources does not fit the " + maxChars
                        + " characters STS accepts, even with the resources narrowed to common prefixes; the call "
                        + "is refused rather than allowed on more resources (split it into smaller calls)", null);
            }
        }
    }

    /** Replaces the two patterns with the longest common prefix by that prefix; false when no pair may merge. */
    private static boolean mergeClosestPair(List<ResourcePattern> patterns) {
        patterns.sort(null);
        int best = -1;
        String bestPrefix = null;
        for (int i = 0; i + 1 < patterns.size(); i++) {
            String prefix = patterns.get(i).commonPrefix(patterns.get(i + 1));
            if (prefix != null && (bestPrefix == null || prefix.length() > bestPrefix.length())) {
                best = i;
                bestPrefix = prefix;
            }
        }
        if (best < 0) {
            return false;
        }
        ResourcePattern merged = ResourcePattern.wildcard(bestPrefix, Math.max(patterns.get(best).floor(),
                patterns.get(best + 1).floor()));
        patterns.removeIf(merged::covers);
        patterns.add(merged);
        return true;
    }

    /** Shortens the longest pattern to a wildcard by the excess; false when that would cut into its type. */
    private static boolean truncateLongest(List<ResourcePattern> patterns, int excess) {
        ResourcePattern longest = patterns.stream()
                .max((a, b) -> Integer.compare(a.toPolicyText().length(), b.toPolicyText().length())).orElseThrow();
        ResourcePattern shorter = longest.shortenedBy(excess);
        if (shorter == null) {
            return false;
        }
        patterns.removeIf(shorter::covers);
        patterns.add(shorter);
        return true;
    }

    private static String document(List<String> actions, List<String> resources) {
        StringBuilder json = new StringBuilder(128 + resources.size() * 64)
                .append("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":");
        appendArray(json, actions);
        json.append(",\"Resource\":");
        appendArray(json, resources);
        return json.append("}]}").toString();
    }

    private static void appendArray(StringBuilder json, List<String> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            appendString(json, values.get(i));
        }
        json.append(']');
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
