package io.gatehouse.runtime.command;

import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Decision;
import io.gatehouse.api.exchange.Identity;
import io.gatehouse.api.policy.ApprovalRequirement;
import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.evaluation.Explanation;
import io.gatehouse.policy.evaluation.PolicyEvaluator;
import io.gatehouse.policy.files.PolicyLoad;
import io.gatehouse.policy.files.PolicyProblem;
import io.gatehouse.runtime.Gatehouse;
import io.gatehouse.runtime.internal.launch.Home;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse policy}: policy tools that work offline, without a running gateway. {@code policy test} loads a
 * policy folder with the gateway's own loader and decides one call with the gateway's own evaluator.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Policy tools (offline: no gateway needed).",
        subcommands = {PolicyCommand.TestCommand.class, CommandLine.HelpCommand.class})
public final class PolicyCommand implements Runnable {

    /** Exit status: the call would be allowed. */
    public static final int ALLOW = 0;
    /** Exit status: the call would be denied. */
    public static final int DENY = 1;
    /** Exit status: the policy could not be read, or the command line is wrong. */
    public static final int ERROR = 2;
    /** Exit status: the call would be held until reviewers approve it. */
    public static final int APPROVE = 3;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'gatehouse policy test'");
    }

    /** {@code gatehouse policy test}: decides one call against a policy folder and explains the decision. */
    @Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Decides one call against the policy files of a folder, exactly as the gateway would,",
                "and explains it: the decision, the deciding rule, for every resource each rule that matched",
                "and why every other rule did not (principal, action, resource, condition, window).",
                "Exit status: 0 allow, 1 deny, 3 approval needed, 2 policy folder or command line in error."},
            footer = {"", "Example:",
                "  gatehouse policy test --dir etc/policy --subject alice --groups dev,sre --chain agent-1 \\",
                "    --action dynamodb:DeleteTable \\",
                "    --resource arn:aws:dynamodb:eu-west-1:123456789012:table/prod-orders --param Limit=10"})
    static final class TestCommand implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", description = "Policy folder (default: etc/policy of the "
                + "installation: $GATEHOUSE_HOME, else the one this command belongs to; else ./etc/policy)")
        Path dir;

        @Option(names = "--subject", required = true, paramLabel = "NAME",
                description = "Subject at the root of the delegation chain (the person, CI job or agent that signed in)")
        String subject;

        @Option(names = "--groups", split = ",", paramLabel = "G1,G2", description = "Groups of the subject")
        List<String> groups = new ArrayList<>();

        @Option(names = "--chain", split = ",", paramLabel = "A1,A2", description = "Delegation chain, outermost "
                + "first; the last is the current actor (none: the subject calls directly)")
        List<String> chain = new ArrayList<>();

        @Option(names = "--action", required = true, paramLabel = "SERVICE:ACTION",
                description = "The IAM-style action, e.g. dynamodb:DeleteTable")
        String action;

        @Option(names = "--resource", paramLabel = "ARN", description = "A resource the call touches (repeat for "
                + "several; none for an account-level call such as ListTables)")
        List<String> resources = new ArrayList<>();

        @Option(names = "--region", paramLabel = "REGION", description = "Region (default: the region of the first "
                + "resource ARN, else us-east-1)")
        String region;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A decoded request parameter that "
                + "conditions test (repeat for several), e.g. Limit=10")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--at", paramLabel = "TIME", description = "Decide as of this time (ISO-8601, e.g. "
                + "2026-12-24T18:00:00Z) instead of now, to check rule windows")
        Instant at;

        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(out, err);
            } finally {
                out.flush();
                err.flush();
            }
        }

        private int run(PrintWriter out, PrintWriter err) {
            int colon = action.indexOf(':');
            if (colon <= 0 || colon == action.length() - 1) {
                err.println("gatehouse policy test: --action must be SERVICE:ACTION, e.g. dynamodb:GetItem");
                return ERROR;
            }
            Path folder = folder();
            PolicyLoad load = PolicyLoad.load(folder);
            if (load.state() == PolicyLoad.State.NO_DIRECTORY) {
                err.println("gatehouse policy test: no policy folder " + folder);
                return ERROR;
            }
            if (load.state() == PolicyLoad.State.REJECTED) {
                err.println("gatehouse policy test: the policy in " + folder + " is rejected (the gateway keeps its "
                        + "last good policy while it is):");
                for (PolicyProblem problem : load.problems()) {
                    err.println("  " + problem);
                }
                return ERROR;
            }
            RuleSet rules = load.ruleSet().orElseThrow();
            PolicyEvaluator evaluator;
            try {
                evaluator = PolicyEvaluator.compile(List.of(rules));
            } catch (IllegalArgumentException e) {
                err.println("gatehouse policy test: " + e.getMessage());
                return ERROR;
            }
            Identity identity = new Identity(subject, Set.copyOf(groups), chain, "policy-test", "POLICYTEST", "",
                    Instant.now().plusSeconds(3600));
            AwsOperation operation = new AwsOperation(action.substring(0, colon), action.substring(colon + 1),
                    region(), resources, parameters);
            Instant now = at == null ? Instant.now() : at;
            Explanation explanation = evaluator.explain(identity, operation, now);
            print(out, folder, load, identity, operation, now, explanation);
            switch (explanation.decision().decision().outcome()) {
                case ALLOW:
                    return ALLOW;
                case APPROVE:
                    return APPROVE;
                default:
                    return DENY;
            }
        }

        private Path folder() {
            if (dir != null) {
                return dir;
            }
            try {
                return Home.locate(null, environment.get("GATEHOUSE_HOME"), launcherJar()).etc().resolve("policy");
            } catch (IllegalArgumentException notAnInstallation) {
                return Path.of("etc", "policy");
            }
        }

        private static Optional<Path> launcherJar() {
            try {
                return Optional.of(Path.of(Gatehouse.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private String region() {
            if (region != null && !region.isBlank()) {
                return region;
            }
            if (!resources.isEmpty()) {
                String[] arn = resources.get(0).split(":", 5);
                if (arn.length == 5 && arn[0].equals("arn") && !arn[3].isEmpty()) {
                    return arn[3];
                }
            }
            return "us-east-1";
        }

        private static void print(PrintWriter out, Path folder, PolicyLoad load, Identity identity,
                                  AwsOperation operation, Instant now, Explanation explanation) {
            RuleSet rules = load.ruleSet().orElseThrow();
            Decision decision = explanation.decision().decision();
            out.println("Policy    " + folder + ": " + explanation.version() + ", " + rules.rules().size() + " rules"
                    + (load.files().files().isEmpty() ? " (no *.yaml file: every call is denied)"
                    : " from " + String.join(", ", load.files().files().keySet())));
            out.println("Call      " + operation.iamAction() + " in " + operation.region() + " at " + now);
            out.println("Caller    " + identity.subject() + groupsText(identity) + (identity.isDelegated()
                    ? " via " + String.join(" > ", identity.delegationChain()) + " (delegation depth "
                    + identity.delegationChain().size() + ", current actor " + identity.currentActor() + ")"
                    : " (direct, delegation depth 0)"));
            if (!operation.parameters().isEmpty()) {
                out.println("Params    " + operation.parameters().entrySet().stream().map(e -> e.getKey() + "="
                        + e.getValue()).sorted().collect(Collectors.joining(", ")));
            }
            out.println();
            out.println("Decision  " + decision.outcome());
            out.println("Rule      " + decision.rule());
            out.println("Reason    " + decision.reason());
            explanation.decision().approval().ifPresent(a -> out.println("Approval  " + approvalText(a)));
            out.println("Version   " + decision.policyVersion());
            int width = Math.max(4, explanation.items().stream().flatMap(i -> i.rules().stream())
                    .mapToInt(r -> r.rule().length()).max().orElse(4));
            for (Explanation.Item item : explanation.items()) {
                out.println();
                out.println("Resource  " + item.resource().orElse("(none: only rules with resource \"*\" apply)")
                        + " -> " + item.outcome() + " (" + item.decidingRule() + ")");
                if (item.rules().isEmpty()) {
                    out.println("  (no rules)");
                }
                for (Explanation.RuleCheck check : item.rules()) {
                    out.println(String.format(Locale.ROOT, "  %-11s %-" + width + "s  %-16s %s",
                            check.matched() ? "matched" : "not matched", check.rule(), effect(check.effect()),
                            check.matched() ? "" : check.detail()).stripTrailing());
                }
            }
        }

        private static String groupsText(Identity identity) {
            return identity.groups().isEmpty() ? " (no groups)" : " (groups " + String.join(", ",
                    new TreeSet<>(identity.groups())) + ")";
        }

        private static String effect(PolicyRule.Effect effect) {
            return effect.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        private static String approvalText(ApprovalRequirement requirement) {
            return requirement.approvals() + (requirement.approvals() == 1 ? " approval" : " approvals") + " from "
                    + String.join(", ", new TreeSet<>(requirement.approverGroups())) + ", valid for "
                    + requirement.validity().toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }
}
