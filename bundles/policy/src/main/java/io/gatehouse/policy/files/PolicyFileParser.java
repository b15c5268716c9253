package io.gatehouse.policy.files;

import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.Condition;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.Principals;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns one policy file into rules, strictly: an unknown key, a wrong type, a bad effect or operator, an empty action
 * list, an invalid pattern, duration or time is a {@link PolicyProblem} naming the line and the key. The format is
 * documented in the bundle's README and the operator guide.
 */
final class PolicyFileParser {

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    /** {@code *}, or {@code service:Action} where either part may use wildcards. */
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?.-]+");
    /** {@code *}, or an ARN pattern: starts with {@code arn:} (or a wildcard), no white space. */
    private static final Pattern RESOURCE = Pattern.compile("(arn:|[*?])\\S*");
    private static final Pattern NAME = Pattern.compile("\\S+");
    private static final Duration MAX_VALIDITY = Duration.ofDays(30);

    private static final Set<String> TOP_KEYS = Set.of("rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "effect", "description", "principals", "actions",
            "resources", "conditions", "not-before", "not-after", "approval");
    private static final Set<String> PRINCIPAL_KEYS = Set.of("subjects", "groups", "actors", "min-depth",
            "max-depth");
    private static final Set<String> CONDITION_KEYS = Set.of("parameter", "operator", "value", "values");
    private static final Set<String> APPROVAL_KEYS = Set.of("groups", "approvals", "validity");

    /** A rule and where it was written. */
    record LocatedRule(PolicyRule rule, String file, int line) {
    }

    private final String file;
    private final List<PolicyProblem> problems;

    private PolicyFileParser(String file, List<PolicyProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * @param file the file name, for problems
     * @param content the file's text
     * @param problems where to add what is wrong
     * @return the rules that could be read (use them only when no problem was added)
     */
    static List<LocatedRule> parse(String file, String content, List<PolicyProblem> problems) {
        PolicyFileParser parser = new PolicyFileParser(file, problems);
        return YamlDocument.read(file, content, problems).map(parser::document).orElse(List.of());
    }

    private List<LocatedRule> document(Node root) {
        if (root instanceof ScalarNode scalar && isNull(scalar)) {
            return List.of();
        }
        Map<String, Node> top = mapping(root, "", TOP_KEYS);
        if (top == null) {
            return List.of();
        }
        Node rulesNode = top.get("rules");
        if (rulesNode == null) {
            problem(root, "", "a policy file needs a 'rules:' list");
            return List.of();
        }
        if (!(rulesNode instanceof SequenceNode sequence)) {
            problem(rulesNode, "rules", "expected a list of rules (each starting with '- id: ...')");
            return List.of();
        }
        List<LocatedRule> rules = new ArrayList<>();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            rule(items.get(i), "rules[" + i + "]").ifPresent(rules::add);
        }
        return rules;
    }

    private Optional<LocatedRule> rule(Node node, String path) {
        int before = problems.size();
        Map<String, Node> keys = mapping(node, path, RULE_KEYS);
        if (keys == null) {
            return Optional.empty();
        }
        String id = required(keys, node, path, "id");
        if (id != null && !RULE_ID.matcher(id).matches()) {
            problem(keys.get("id"), path + ".id", "'" + id + "' is not a rule id: letters, digits and . _ : / - "
                    + "(at most 128, starting with a letter or digit)");
        }
        String where = id == null ? path : path + " (" + id + ")";
        PolicyRule.Effect effect = effect(keys, node, where);
        List<String> actions = patterns(keys, node, where, "actions", ACTION,
                "an action pattern is * or service:Action, e.g. dynamodb:GetItem, dynamodb:Delete*, s3:*");
        List<String> resources = patterns(keys, node, where, "resources", RESOURCE,
                "a resource pattern is \"*\" or an ARN pattern starting with arn:, e.g. arn:aws:dynamodb:*:*:table/prod-*");
        Principals principals = keys.containsKey("principals") ? principals(keys.get("principals"),
                where + ".principals") : Principals.ANYONE;
        List<Condition> conditions = conditions(keys.get("conditions"), where + ".conditions");
        Optional<Instant> notBefore = instant(keys.get("not-before"), where + ".not-before");
        Optional<Instant> notAfter = instant(keys.get("not-after"), where + ".not-after");
        if (notBefore.isPresent() && notAfter.isPresent() && !notBefore.get().isBefore(notAfter.get())) {
            problem(keys.get("not-after"), where + ".not-after", "must be after not-before (" + notBefore.get() + ")");
        }
        Optional<ApprovalRequirement> approval = Optional.empty();
        if (keys.containsKey("approval")) {
            if (effect != null && effect != PolicyRule.Effect.REQUIRE_APPROVAL) {
                problem(keys.get("approval"), where + ".approval", "only a rule with effect require-approval has an "
                        + "approval");
            } else {
                approval = approval(keys.get("approval"), where + ".approval");
            }
        } else if (effect == PolicyRule.Effect.REQUIRE_APPROVAL) {
            problem(node, where + ".approval", "a require-approval rule needs 'approval: { groups: [...], "
                    + "approvals: N, validity: 15m }'");
        }
        String description = keys.containsKey("description") ? optionalText(keys.get("description"),
                where + ".description") : "";
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocatedRule(new PolicyRule(id, effect, principals, actions, resources, conditions,
                    notBefore, notAfter, approval, description), file, YamlDocument.line(node)));
        } catch (IllegalArgumentException e) {
            problem(node, where, e.getMessage());
            return Optional.empty();
        }
    }

    private PolicyRule.Effect effect(Map<String, Node> keys, Node rule, String path) {
        String text = required(keys, rule, path, "effect");
        if (text == null) {
            return null;
        }
        switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "allow":
                return PolicyRule.Effect.ALLOW;
            case "deny":
                return PolicyRule.Effect.DENY;
            case "require-approval":
                return PolicyRule.Effect.REQUIRE_APPROVAL;
            default:
                problem(keys.get("effect"), path + ".effect", "'" + text + "' is not an effect: allow, deny or "
                        + "require-approval");
                return null;
        }
    }

    private List<String> patterns(Map<String, Node> keys, Node rule, String path, String key, Pattern valid,
                                  String help) {
        Node node = keys.get(key);
        if (node == null) {
            problem(rule, path + "." + key, "is missing: " + help);
            return List.of();
        }
        List<String> values = strings(node, path + "." + key);
        if (values == null) {
            return List.of();
        }
        if (values.isEmpty()) {
            problem(node, path + "." + key, "is empty: " + help);
        }
        for (String value : values) {
            if (!valid.matcher(value).matches()) {
                problem(node, path + "." + key, "'" + value + "' is not valid: " + help);
            }
        }
        return values;
    }

    private Principals principals(Node node, String path) {
        Map<String, Node> keys = mapping(node, path, PRINCIPAL_KEYS);
        if (keys == null) {
            return Principals.ANYONE;
        }
        List<String> subjects = names(keys.get("subjects"), path + ".subjects");
        List<String> groups = names(keys.get("groups"), path + ".groups");
        List<String> actors = names(keys.get("actors"), path + ".actors");
        Optional<Integer> minDepth = integer(keys.get("min-depth"), path + ".min-depth", 0, 64);
        Optional<Integer> maxDepth = integer(keys.get("max-depth"), path + ".max-depth", 0, 64);
        if (minDepth.isPresent() && maxDepth.isPresent() && minDepth.get() > maxDepth.get()) {
            problem(keys.get("max-depth"), path + ".max-depth", "is below min-depth (" + minDepth.get() + ")");
        }
        return new Principals(subjects, groups, actors, minDepth, maxDepth);
    }

    private List<String> names(Node node, String path) {
        if (node == null) {
            return List.of();
        }
        List<String> values = strings(node, path);
        if (values == null) {
            return List.of();
        }
        if (values.isEmpty()) {
            problem(node, path, "is empty: leave the key out to mean anyone");
        }
        for (String value : values) {
            if (!NAME.matcher(value).matches()) {
                problem(node, path, "'" + value + "' is not a name (no white space)");
            }
        }
        return values;
    }

    private List<Condition> conditions(Node node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path, "expected a list of conditions, e.g. [{ parameter: Limit, operator: absent }]");
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            condition(sequence.getValue().get(i), path + "[" + i + "]").ifPresent(conditions::add);
        }
        return conditions;
    }

    private Optional<Condition> condition(Node node, String path) {
        Map<String, Node> keys = mapping(node, path, CONDITION_KEYS);
        if (keys == null) {
            return Optional.empty();
        }
        String parameter = required(keys, node, path, "parameter");
        String operatorText = required(keys, node, path, "operator");
        if (parameter == null || operatorText == null) {
            return Optional.empty();
        }
        Condition.Operator operator;
        try {
            operator = Condition.Operator.valueOf(operatorText.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problem(keys.get("operator"), path + ".operator", "'" + operatorText + "' is not an operator: present, "
                    + "absent, equals, not-equals, like, less-than, greater-than");
            return Optional.empty();
        }
        if (keys.containsKey("value") && keys.containsKey("values")) {
            problem(keys.get("values"), path, "write either value or values, not both");
            return Optional.empty();
        }
        List<String> values = keys.containsKey("value") ? strings(keys.get("value"), path + ".value")
                : keys.containsKey("values") ? strings(keys.get("values"), path + ".values") : List.of();
        if (values == null) {
            return Optional.empty();
        }
        boolean presence = operator == Condition.Operator.PRESENT || operator == Condition.Operator.ABSENT;
        if (presence && !values.isEmpty()) {
            problem(node, path, operatorText + " takes no value");
        } else if (!presence && values.isEmpty()) {
            problem(node, path, operatorText + " needs a value (value: x) or values (values: [x, y])");
        } else if (operator == Condition.Operator.LESS_THAN || operator == Condition.Operator.GREATER_THAN) {
            for (String value : values) {
                if (!value.strip().matches("[+-]?\\d{1,30}(\\.\\d{1,30})?")) {
                    problem(node, path, "'" + value + "' is not a decimal number");
                }
            }
        }
        return Optional.of(new Condition(parameter, operator, values));
    }

    private Optional<ApprovalRequirement> approval(Node node, String path) {
        Map<String, Node> keys = mapping(node, path, APPROVAL_KEYS);
        if (keys == null) {
            return Optional.empty();
        }
        if (!keys.containsKey("groups")) {
            problem(node, path + ".groups", "is missing: the groups reviewers must be in");
            return Optional.empty();
        }
        List<String> groups = names(keys.get("groups"), path + ".groups");
        int approvals = integer(keys.get("approvals"), path + ".approvals", 1, 20).orElse(1);
        Duration validity = Duration.ofMinutes(15);
        if (keys.containsKey("validity")) {
            String text = text(keys.get("validity"), path + ".validity");
            if (text != null) {
                try {
                    validity = DurationText.parse(text);
                    if (validity.isZero() || validity.isNegative() || validity.compareTo(MAX_VALIDITY) > 0) {
                        problem(keys.get("validity"), path + ".validity", "must be between 1s and 30d");
                    }
                } catch (IllegalArgumentException e) {
                    problem(keys.get("validity"), path + ".validity", e.getMessage());
                }
            }
        }
        if (groups.isEmpty() || validity.isZero() || validity.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(new ApprovalRequirement(Set.copyOf(groups), approvals, validity));
    }

    private Optional<Instant> instant(Node node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        String text = text(node, path);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            problem(node, path, "'" + text + "' is not a time with zone offset, e.g. 2026-12-24T18:00:00Z or "
                    + "2026-12-24T19:00:00+01:00");
            return Optional.empty();
        }
    }

    private Optional<Integer> integer(Node node, String path, int min, int max) {
        if (node == null) {
            return Optional.empty();
        }
        String text = text(node, path);
        if (text == null) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, path, "'" + text + "' is not a whole number between " + min + " and " + max);
        return Optional.empty();
    }

    /** A mapping with known keys only, each once; null (and a problem) when the node is not one. */
    private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "expected a mapping with keys " + allowed.stream().sorted().toList());
            return null;
        }
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
            String keyPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
            if (key == null) {
                problem(keyNode, path, "keys are plain words");
            } else if (!allowed.contains(key)) {
                problem(keyNode, keyPath, "unknown key" + suggestion(key, allowed) + "; allowed here: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            } else if (keys.containsKey(key)) {
                problem(keyNode, keyPath, "appears twice");
            } else {
                keys.put(key, tuple.getValueNode());
            }
        }
        return keys;
    }

    private static String suggestion(String key, Set<String> allowed) {
        String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
        return allowed.stream().filter(a -> a.equals(normalized) || a.equals(normalized + "s")
                || normalized.equals(a + "s") || distance(a, normalized) <= 2).sorted().findFirst()
                .map(a -> " (did you mean '" + a + "'?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private String required(Map<String, Node> keys, Node parent, String path, String key) {
        Node node = keys.get(key);
        if (node == null) {
            problem(parent, path + "." + key, "is missing");
            return null;
        }
        String text = text(node, path + "." + key);
        if (text != null && text.isBlank()) {
            problem(node, path + "." + key, "is empty");
            return null;
        }
        return text == null ? null : text.strip();
    }

    private String optionalText(Node node, String path) {
        if (node instanceof ScalarNode scalar && isNull(scalar)) {
            return "";
        }
        String text = text(node, path);
        return text == null ? "" : text.strip();
    }

    /** A scalar's text; null (and a problem) when the node is a list, a mapping or empty. */
    private String text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, path, "expected a single value, not a " + (node instanceof SequenceNode ? "list" : "mapping"));
            return null;
        }
        if (isNull(scalar)) {
            problem(node, path, "has no value");
            return null;
        }
        return scalar.getValue();
    }

    /** A list of values, or one value as a list of one; null (and a problem) on anything else. */
    private List<String> strings(Node node, String path) {
        if (node instanceof ScalarNode) {
            String text = text(node, path);
            return text == null ? null : List.of(text.strip());
        }
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path, "expected a list of values, e.g. [a, b]");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String text = text(item, path);
            if (text == null) {
                return null;
            }
            values.add(text.strip());
        }
        return values;
    }

    private static boolean isNull(ScalarNode scalar) {
        return Tag.NULL.equals(scalar.getTag());
    }

    private void problem(Node node, String key, String message) {
        problems.add(new PolicyProblem(file, node == null ? 0 : YamlDocument.line(node),
                node == null ? 0 : YamlDocument.column(node), key, message));
    }
}
