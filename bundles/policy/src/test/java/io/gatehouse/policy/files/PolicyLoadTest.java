package io.gatehouse.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.policy.Condition;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoadTest {

    static final String EXAMPLE = """
            # the operator guide's example
            rules:
              - id: agents-no-delete
                effect: deny
                principals: { min-depth: 1 }
                actions: ["dynamodb:Delete*", "s3:DeleteObject*"]
                resources: ["*"]
                description: Agents never delete.
              - id: scan-needs-limit
                effect: deny
                actions: [dynamodb:Scan]
                resources: ["*"]
                conditions: [{ parameter: Limit, operator: absent }]
              - id: prod-table-delete
                effect: require-approval
                actions: [dynamodb:DeleteTable]
                resources: ["arn:aws:dynamodb:*:*:table/prod-*"]
                approval: { groups: [sre-leads], approvals: 2, validity: 15m }
              - id: devs-business-hours
                effect: allow
                principals:
                  groups: [dev, sre]
                  subjects: ["*@example.com"]
                  actors: ["agent-*"]
                  max-depth: 2
                actions: dynamodb:*
                resources:
                  - arn:aws:dynamodb:eu-west-1:123456789012:table/*
                not-before: 2026-11-25T08:00:00Z
                not-after: 2026-11-25T18:00:00+01:00
                conditions:
                  - parameter: Limit
                    operator: less-than
                    value: 100
                  - parameter: Select
                    operator: not-equals
                    values: [ALL_ATTRIBUTES, SPECIFIC_ATTRIBUTES]
            """;

    @TempDir
    Path dir;

    private PolicyLoad load(String... nameAndContent) throws IOException {
        for (int i = 0; i < nameAndContent.length; i += 2) {
            Files.writeString(dir.resolve(nameAndContent[i]), nameAndContent[i + 1], StandardCharsets.UTF_8);
        }
        return PolicyLoad.load(dir);
    }

    @Test
    void readsTheDocumentedExample() throws IOException {
        PolicyLoad load = load("example.yaml", EXAMPLE);
        assertThat(load.problems()).isEmpty();
        assertThat(load.state()).isEqualTo(PolicyLoad.State.LOADED);
        RuleSet set = load.ruleSet().orElseThrow();
        assertThat(set.source()).isEqualTo("files");
        assertThat(set.version()).hasSize(12).isEqualTo(load.files().hash().substring(0, 12));
        assertThat(set.rules()).extracting(PolicyRule::id).containsExactly("agents-no-delete", "scan-needs-limit",
                "prod-table-delete", "devs-business-hours");
        PolicyRule agents = set.rules().get(0);
        assertThat(agents.effect()).isEqualTo(PolicyRule.Effect.DENY);
        assertThat(agents.principals().minDepth()).contains(1);
        assertThat(agents.actions()).containsExactly("dynamodb:Delete*", "s3:DeleteObject*");
        assertThat(agents.description()).isEqualTo("Agents never delete.");
        assertThat(set.rules().get(1).conditions()).containsExactly(new Condition("Limit", Condition.Operator.ABSENT,
                List.of()));
        PolicyRule prod = set.rules().get(2);
        assertThat(prod.approval().orElseThrow().approvals()).isEqualTo(2);
        assertThat(prod.approval().orElseThrow().validity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(prod.approval().orElseThrow().approverGroups()).containsExactly("sre-leads");
        PolicyRule devs = set.rules().get(3);
        assertThat(devs.actions()).containsExactly("dynamodb:*");
        assertThat(devs.principals().groups()).containsExactly("dev", "sre");
        assertThat(devs.principals().subjects()).containsExactly("*@example.com");
        assertThat(devs.principals().actors()).containsExactly("agent-*");
        assertThat(devs.principals().maxDepth()).contains(2);
        assertThat(devs.notBefore()).contains(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(devs.notAfter()).contains(Instant.parse("2026-11-25T17:00:00Z"));
        assertThat(devs.conditions()).containsExactly(
                new Condition("Limit", Condition.Operator.LESS_THAN, List.of("100")),
                new Condition("Select", Condition.Operator.NOT_EQUALS, List.of("ALL_ATTRIBUTES",
                        "SPECIFIC_ATTRIBUTES")));
    }

    @Test
    void theVersionIsAHashOfTheSortedFiles() throws IOException {
        String a = load("a.yaml", "rules: []\n", "b.yml", "rules: []\n").ruleSet().orElseThrow().version();
        Files.writeString(dir.resolve("b.yml"), "rules: [] # changed\n");
        String b = PolicyLoad.load(dir).ruleSet().orElseThrow().version();
        assertThat(a).isNotEqualTo(b).matches("[0-9a-f]{12}");
        Files.writeString(dir.resolve("b.yml"), "rules: []\n");
        assertThat(PolicyLoad.load(dir).ruleSet().orElseThrow().version()).isEqualTo(a);
    }

    @Test
    void onlyYamlFilesAreRead() throws IOException {
        PolicyLoad load = load("README.md", "not: yaml: at: all: [", "example.yaml.example", "rules: 7",
                ".hidden.yaml", "rules: 7", "x.YML", "rules: []");
        assertThat(load.state()).isEqualTo(PolicyLoad.State.LOADED);
        assertThat(load.files().files()).containsOnlyKeys("x.YML");
    }

    @Test
    void noDirectoryOrNoFilesIsAnEmptyRuleSet() throws IOException {
        PolicyLoad missing = PolicyLoad.load(dir.resolve("nope"));
        assertThat(missing.state()).isEqualTo(PolicyLoad.State.NO_DIRECTORY);
        assertThat(missing.ruleSet().orElseThrow().rules()).isEmpty();
        PolicyLoad empty = load("notes.txt", "x");
        assertThat(empty.state()).isEqualTo(PolicyLoad.State.NO_FILES);
        assertThat(empty.ruleSet().orElseThrow().rules()).isEmpty();
    }

    @Test
    void anEmptyFileHasNoRules() throws IOException {
        PolicyLoad load = load("empty.yaml", "# nothing yet\n");
        assertThat(load.state()).isEqualTo(PolicyLoad.State.LOADED);
        assertThat(load.ruleSet().orElseThrow().rules()).isEmpty();
    }

    /** Every kind of mistake rejects the load with the file, line and key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key        | rulez: []                                                                       | bad.yaml:1:1: rulez: unknown key (did you mean 'rules'?)
            rules not a list       | rules: { id: x }                                                                | bad.yaml:1:8: rules: expected a list of rules
            unknown rule key       | rules:\\n  - id: a\\n    effect: allow\\n    action: [s3:GetObject]\\n    resources: ['*']  | bad.yaml:4:5: rules[0].action: unknown key (did you mean 'actions'?)
            bad effect             | rules:\\n  - id: a\\n    effect: permit\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:3:13: rules[0] (a).effect: 'permit' is not an effect: allow, deny or require-approval
            missing id             | rules:\\n  - effect: allow\\n    actions: [s3:GetObject]\\n    resources: ['*']   | bad.yaml:2:5: rules[0].id: is missing
            bad id                 | rules:\\n  - id: 'a b'\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:2:9: rules[0].id: 'a b' is not a rule id
            empty actions          | rules:\\n  - id: a\\n    effect: allow\\n    actions: []\\n    resources: ['*']   | bad.yaml:4:14: rules[0] (a).actions: is empty
            missing actions        | rules:\\n  - id: a\\n    effect: allow\\n    resources: ['*']                    | bad.yaml:2:5: rules[0] (a).actions: is missing
            bad action             | rules:\\n  - id: a\\n    effect: allow\\n    actions: [dynamodb.Scan]\\n    resources: ['*'] | bad.yaml:4:14: rules[0] (a).actions: 'dynamodb.Scan' is not valid
            bad resource           | rules:\\n  - id: a\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: [table/x] | bad.yaml:5:16: rules[0] (a).resources: 'table/x' is not valid
            bad operator           | rules:\\n  - id: a\\n    effect: deny\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    conditions: [{ parameter: Limit, operator: missing }] | bad.yaml:6:48: rules[0] (a).conditions[0].operator: 'missing' is not an operator
            operator needs value   | rules:\\n  - id: a\\n    effect: deny\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    conditions: [{ parameter: Limit, operator: equals }] | bad.yaml:6:18: rules[0] (a).conditions[0]: equals needs a value
            numeric operand        | rules:\\n  - id: a\\n    effect: deny\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    conditions: [{ parameter: Limit, operator: less-than, value: ten }] | bad.yaml:6:18: rules[0] (a).conditions[0]: 'ten' is not a decimal number
            bad duration           | rules:\\n  - id: a\\n    effect: require-approval\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    approval: { groups: [sre], validity: soon } | bad.yaml:6:42: rules[0] (a).approval.validity: 'soon' is not a duration
            approval missing       | rules:\\n  - id: a\\n    effect: require-approval\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:2:5: rules[0] (a).approval: a require-approval rule needs
            approval on allow      | rules:\\n  - id: a\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    approval: { groups: [sre] } | bad.yaml:6:15: rules[0] (a).approval: only a rule with effect require-approval
            bad approvals          | rules:\\n  - id: a\\n    effect: require-approval\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    approval: { groups: [sre], approvals: 0 } | bad.yaml:6:43: rules[0] (a).approval.approvals: '0' is not a whole number between 1 and 20
            bad time               | rules:\\n  - id: a\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    not-before: 2026-12-01 | bad.yaml:6:17: rules[0] (a).not-before: '2026-12-01' is not a time with zone offset
            window reversed        | rules:\\n  - id: a\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: ['*']\\n    not-before: 2026-12-02T00:00:00Z\\n    not-after: 2026-12-01T00:00:00Z | bad.yaml:7:16: rules[0] (a).not-after: must be after not-before
            depth reversed         | rules:\\n  - id: a\\n    effect: allow\\n    principals: { min-depth: 2, max-depth: 1 }\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:4:44: rules[0] (a).principals.max-depth: is below min-depth
            unknown principal key  | rules:\\n  - id: a\\n    effect: allow\\n    principals: { group: [dev] }\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:4:19: rules[0] (a).principals.group: unknown key (did you mean 'groups'?)
            duplicate key          | rules:\\n  - id: a\\n    effect: allow\\n    effect: deny\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:4:5: rules[0].effect: appears twice
            unquoted star          | rules:\\n  - id: a\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: [*] | bad.yaml:5:18: not valid YAML: while scanning an alias
            alias                  | rules:\\n  - &r { id: a, effect: allow, actions: [s3:GetObject], resources: ['*'] }\\n  - *r | bad.yaml:2:5: anchors (&name) are not allowed
            tag                    | rules:\\n  - id: !!str a\\n    effect: allow\\n    actions: [s3:GetObject]\\n    resources: ['*'] | bad.yaml:2:9: tags (!name) are not allowed
            two documents          | rules: []\\n---\\nrules: []                                                     | bad.yaml:2:1: a policy file holds one YAML document
            syntax error           | rules:\\n  - id: a\\n   effect: [                                                   | bad.yaml:
            """)
    void refusesWithFileLineAndKey(String kind, String yaml, String expected) throws IOException {
        PolicyLoad load = load("good.yaml", "rules:\n  - { id: ok, effect: allow, actions: ['*'], resources: ['*'] }\n",
                "bad.yaml", yaml.replace("\\n", "\n"));
        assertThat(load.state()).as(kind).isEqualTo(PolicyLoad.State.REJECTED);
        assertThat(load.ruleSet()).isEmpty();
        assertThat(load.problems()).as(kind).isNotEmpty();
        assertThat(load.problems().get(0).toString()).as(kind).startsWith(expected.strip());
    }

    @Test
    void duplicateRuleIdsAcrossFilesAreRefused() throws IOException {
        PolicyLoad load = load("a.yaml", "rules:\n  - { id: same, effect: allow, actions: ['*'], resources: ['*'] }\n",
                "b.yaml", "rules:\n  - id: other\n    effect: deny\n    actions: ['*']\n    resources: ['*']\n"
                        + "  - id: same\n    effect: deny\n    actions: ['*']\n    resources: ['*']\n");
        assertThat(load.state()).isEqualTo(PolicyLoad.State.REJECTED);
        assertThat(load.problems()).extracting(PolicyProblem::toString)
                .containsExactly("b.yaml:6: id: duplicate rule id 'same' (first defined at a.yaml:2)");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
        PolicyLoad load = load("a.yaml", "rules:\n  - id: a\n    effect: nope\n    actions: []\n    resources: ['*']\n",
                "b.yaml", "rulez: []\n");
        assertThat(load.problems()).extracting(PolicyProblem::file).containsExactly("a.yaml", "a.yaml", "b.yaml",
                "b.yaml");
    }

    @Test
    void oversizedAndNonUtf8FilesAreRefused() throws IOException {
        Files.write(dir.resolve("big.yaml"), new byte[PolicyFiles.MAX_FILE_BYTES + 1]);
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'r', 'u', 'l', 'e', 's', ':', ' ', (byte) 0xE9});
        PolicyLoad load = PolicyLoad.load(dir);
        assertThat(load.problems()).extracting(PolicyProblem::toString).containsExactlyInAnyOrder(
                "big.yaml: larger than 1048576 bytes", "latin1.yaml: is not UTF-8 text");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        String deep = "rules:\n  - id: a\n    effect: allow\n    actions: ['*']\n    resources: ['*']\n    description: "
                + "[".repeat(40) + "]".repeat(40) + "\n";
        PolicyLoad load = load("deep.yaml", deep);
        assertThat(load.problems().get(0).message()).isEqualTo("nested deeper than 16 levels");
    }

    @Test
    void aSingleValueIsAListOfOne() throws IOException {
        PolicyLoad load = load("one.yaml", "rules:\n  - id: a\n    effect: allow\n    actions: s3:GetObject\n"
                + "    resources: '*'\n    approval:\n");
        assertThat(load.problems()).extracting(PolicyProblem::toString).containsExactly(
                "one.yaml:6:14: rules[0] (a).approval: only a rule with effect require-approval has an approval");
        PolicyLoad fine = load("one.yaml", "rules:\n  - id: a\n    effect: allow\n    actions: s3:GetObject\n"
                + "    resources: '*'\n");
        assertThat(fine.ruleSet().orElseThrow().rules().get(0).resources()).containsExactly("*");
        assertThat(fine.ruleSet().orElseThrow().rules().get(0).notBefore()).isEqualTo(Optional.empty());
    }
}
