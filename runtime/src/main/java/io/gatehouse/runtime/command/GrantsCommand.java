package io.gatehouse.runtime.command;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gatehouse grants request|list|revoke}: just-in-time grants. */
@Command(name = "grants", mixinStandardHelpOptions = true,
        description = {"Requests, lists and revokes just-in-time grants (time-boxed permissions approved by a",
            "reviewer), as the caller whose Gatehouse session credentials are in AWS_SESSION_TOKEN and",
            "AWS_SECRET_ACCESS_KEY."},
        subcommands = {GrantsCommand.Request.class, GrantsCommand.ListGrants.class, GrantsCommand.Revoke.class})
public final class GrantsCommand implements Runnable {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: request, list or revoke ID");
    }

    /** {@code gatehouse grants request --action A --resource R --duration 30m --reason R}. */
    @Command(name = "request", mixinStandardHelpOptions = true, description = "Asks for a grant; reviewers approve "
            + "it with `gatehouse approvals approve ID`.")
    public static final class Request extends ControlCommand {
        @Option(names = "--action", required = true, description = "An IAM action pattern, e.g. dynamodb:DeleteItem "
                + "(repeatable)")
        List<String> actions;

        @Option(names = "--resource", required = true, description = "A resource ARN pattern (repeatable)")
        List<String> resources;

        @Option(names = "--duration", required = true, description = "How long, e.g. 30m, 2h, 1h30m or PT30M")
        String duration;

        @Option(names = "--reason", required = true, description = "Why you need it, for reviewers")
        String reason;

        @Override
        void run() throws IOException, InterruptedException {
            String body = "{\"actions\":" + MiniJson.array(actions) + ",\"resources\":" + MiniJson.array(resources)
                    + ",\"duration\":" + MiniJson.quote(duration(duration).toString()) + ",\"reason\":"
                    + MiniJson.quote(reason) + "}";
            Answer answer = send("POST", "/api/v1/grants", body);
            if (json) {
                out().println(answer.body());
                return;
            }
            var grant = answer.object();
            out().println("Grant " + grant.get("id") + " is " + grant.get("status") + (answer.status() == 202
                    ? ": ask a member of " + join(grant.get("approver_groups")) + " to run `gatehouse approvals "
                            + "approve " + grant.get("id") + "` (" + grant.get("review_url") + ")" : ""));
        }
    }

    /** {@code gatehouse grants list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists your grants and those you may "
            + "review.")
    public static final class ListGrants extends ControlCommand {
        @Override
        void run() throws IOException, InterruptedException {
            printTable(send("GET", "/api/v1/grants", null));
        }
    }

    /** {@code gatehouse grants revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Ends a grant now (the grantee or a "
            + "reviewer).")
    public static final class Revoke extends ControlCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The grant id (ap-...)")
        String id;

        @Override
        void run() throws IOException, InterruptedException {
            printApproval(send("DELETE", "/api/v1/grants/" + ApprovalsCommand.checked(id), null));
        }
    }

    /**
     * @param text {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 90s} or ISO-8601 {@code PT30M}
     * @return the duration
     */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        Matcher matcher = SHORT.matcher(value);
        if (value.isEmpty() || !matcher.matches()) {
            throw new IllegalArgumentException("--duration is like 30m, 2h, 1h30m or PT30M, not " + text);
        }
        Duration duration = Duration.ZERO;
        if (matcher.group(1) != null) {
            duration = duration.plusHours(Long.parseLong(matcher.group(1)));
        }
        if (matcher.group(2) != null) {
            duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
        }
        if (matcher.group(3) != null) {
            duration = duration.plusSeconds(Long.parseLong(matcher.group(3)));
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        return duration;
    }
}
