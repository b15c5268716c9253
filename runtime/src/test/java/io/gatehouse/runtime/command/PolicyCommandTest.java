package io.gatehouse.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.runtime.Gatehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse policy test} in-process through the real command line. */
class PolicyCommandTest {

    private static final String TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/";
    private static final String POLICY = """
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
              - id: devs
                effect: allow
                principals: { groups: [dev] }
                actions: ["dynamodb:*"]
                resources: ["*"]
              - id: xmas-freeze
                effect: deny
                actions: ["*"]
                resources: ["*"]
                not-before: 2026-12-24T00:00:00Z
                not-after: 2026-12-27T00:00:00Z
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void policy() throws IOException {
        Files.writeString(dir.resolve("main.yaml"), POLICY);
    }

    private int run(String... args) {
        CommandLine commandLine = Gatehouse.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("policy", "test", "--dir", dir.toString()));
        all.addAll(List.of(args));
        return commandLine.execute(all.toArray(String[]::new));
    }

    @Test
    void anAgentMayNotDeleteAndEveryRuleIsExplained() {
        int status = run("--subject", "alice", "--groups", "dev,sre", "--chain", "agent-1", "--action",
                "dynamodb:DeleteTable", "--resource", TABLE + "prod-orders", "--param", "Limit=10",
                "--at", "2026-11-25T12:00:00Z");
        assertThat(status).isEqualTo(PolicyCommand.DENY);
        String text = out.toString();
        assertThat(text).contains("Decision  DENY", "Rule      agents-no-delete",
                "Reason    dynamodb:DeleteTable on " + TABLE + "prod-orders is denied by rule agents-no-delete "
                        + "(files): Agents never delete.",
                "Caller    alice (groups dev, sre) via agent-1 (delegation depth 1, current actor agent-1)",
                "Call      dynamodb:DeleteTable in eu-west-1 at 2026-11-25T12:00:00Z",
                "Params    Limit=10", "Resource  " + TABLE + "prod-orders -> DENY (agents-no-delete)");
        assertThat(text).containsPattern("matched +agents-no-delete +deny")
                .containsPattern("matched +prod-table-delete +require-approval")
                .containsPattern("matched +devs +allow")
                .containsPattern("not matched +scan-needs-limit +deny +action: dynamodb:DeleteTable matches none "
                        + "of \\[dynamodb:Scan\\]")
                .containsPattern("not matched +xmas-freeze +deny +window: 2026-11-25T12:00:00Z is outside "
                        + "\\[2026-12-24T00:00:00Z, 2026-12-27T00:00:00Z\\)");
        assertThat(text).containsPattern("Version   files@[0-9a-f]{12}");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPersonNeedsTwoApprovalsForAProdTable() {
        int status = run("--subject", "alice", "--groups", "dev", "--action", "dynamodb:DeleteTable",
                "--resource", TABLE + "prod-orders", "--at", "2026-11-25T12:00:00Z");
        assertThat(status).isEqualTo(PolicyCommand.APPROVE);
        assertThat(out.toString()).contains("Decision  APPROVE", "Rule      prod-table-delete",
                "Approval  2 approvals from sre-leads, valid for 15m")
                .containsPattern("not matched +agents-no-delete +deny +principal: delegation depth 0 is outside "
                        + "\\[1, any\\]");
    }

    @Test
    void allowedDeniedByConditionsAndWindows() {
        assertThat(run("--subject", "alice", "--groups", "dev", "--action", "dynamodb:Scan", "--resource",
                TABLE + "orders", "--param", "Limit=10", "--at", "2026-11-25T12:00:00Z")).isEqualTo(PolicyCommand.ALLOW);
        assertThat(out.toString()).contains("Decision  ALLOW", "Rule      devs");
        assertThat(run("--subject", "alice", "--groups", "dev", "--action", "dynamodb:Scan", "--resource",
                TABLE + "orders", "--at", "2026-11-25T12:00:00Z")).isEqualTo(PolicyCommand.DENY);
        assertThat(out.toString()).contains("Rule      scan-needs-limit");
        assertThat(run("--subject", "alice", "--groups", "dev", "--action", "dynamodb:GetItem", "--resource",
                TABLE + "orders", "--at", "2026-12-25T12:00:00Z")).isEqualTo(PolicyCommand.DENY);
        assertThat(out.toString()).contains("Rule      xmas-freeze");
    }

    @Test
    void nothingMatchedIsDenied() {
        assertThat(run("--subject", "bob", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
                "--at", "2026-11-25T12:00:00Z")).isEqualTo(PolicyCommand.DENY);
        assertThat(out.toString()).contains("Rule      no-matching-rule",
                "Reason    no rule allows s3:GetObject on arn:aws:s3:::b/k", "Call      s3:GetObject in us-east-1");
    }

    @Test
    void aBrokenFileIsAnErrorWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("zz-broken.yaml"), "rules:\n  - id: x\n    effect: allow\n    actions: []\n"
                + "    resources: ['*']\n");
        assertThat(run("--subject", "alice", "--action", "dynamodb:GetItem")).isEqualTo(PolicyCommand.ERROR);
        assertThat(err.toString()).contains("zz-broken.yaml:4:14: rules[0] (x).actions: is empty");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFolderOrBadArgumentsAreErrors() {
        CommandLine commandLine = Gatehouse.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("policy", "test", "--dir", dir.resolve("nope").toString(), "--subject", "a",
                "--action", "s3:GetObject")).isEqualTo(PolicyCommand.ERROR);
        assertThat(err.toString()).contains("no policy folder");
        assertThat(run("--subject", "alice", "--action", "GetObject")).isEqualTo(PolicyCommand.ERROR);
        assertThat(err.toString()).contains("--action must be SERVICE:ACTION");
        assertThat(run("--action", "s3:GetObject")).as("--subject is required").isEqualTo(PolicyCommand.ERROR);
    }
}
