package io.gatehouse.runtime.command;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gatehouse approvals list|show|approve|deny}: review approvals on the control plane. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = {"Lists, shows, approves and denies approvals, as the reviewer whose Gatehouse session",
            "credentials are in AWS_SESSION_TOKEN and AWS_SECRET_ACCESS_KEY."},
        subcommands = {ApprovalsCommand.ListApprovals.class, ApprovalsCommand.Show.class, ApprovalsCommand.Approve.class,
            ApprovalsCommand.Deny.class})
public final class ApprovalsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: list, show ID, approve ID "
                + "or deny ID --reason R");
    }

    /** {@code gatehouse approvals list [--status S]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the approvals you requested or "
            + "may review, newest first.")
    public static final class ListApprovals extends ControlCommand {
        @Option(names = "--status", description = "Only this status: pending, approved, denied, expired, used, "
                + "revoked")
        String status;

        @Override
        void run() throws IOException, InterruptedException {
            String query = status == null ? "" : "?status=" + URLEncoder.encode(status, StandardCharsets.UTF_8);
            printTable(send("GET", "/api/v1/approvals" + query, null));
        }
    }

    /** {@code gatehouse approvals show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one approval.")
    public static final class Show extends ControlCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The approval id (ap-...)")
        String id;

        @Override
        void run() throws IOException, InterruptedException {
            printApproval(send("GET", "/api/v1/approvals/" + checked(id), null));
        }
    }

    /** {@code gatehouse approvals approve ID}. */
    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approves: your approval counts once; "
            + "the requester and its delegation chain cannot approve.")
    public static final class Approve extends ControlCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The approval id (ap-...)")
        String id;

        @Override
        void run() throws IOException, InterruptedException {
            printApproval(send("POST", "/api/v1/approvals/" + checked(id) + "/approve", "{}"));
        }
    }

    /** {@code gatehouse approvals deny ID --reason R}. */
    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Denies; a deny wins over approvals "
            + "given before it.")
    public static final class Deny extends ControlCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The approval id (ap-...)")
        String id;

        @Option(names = "--reason", required = true, description = "Why, shown to the requester")
        String reason;

        @Override
        void run() throws IOException, InterruptedException {
            printApproval(send("POST", "/api/v1/approvals/" + checked(id) + "/deny",
                    "{\"reason\":" + MiniJson.quote(reason) + "}"));
        }
    }

    static String checked(String id) {
        if (!id.matches("ap-[0-9a-f]{32}")) {
            throw new IllegalArgumentException("approval ids look like ap-<32 hex digits>, not " + id);
        }
        return id;
    }
}
