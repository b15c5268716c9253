package io.gatehouse.runtime;

import io.gatehouse.runtime.command.ApprovalsCommand;
import io.gatehouse.runtime.command.CredentialsCommand;
import io.gatehouse.runtime.command.GrantsCommand;
import io.gatehouse.runtime.command.HashPasswordCommand;
import io.gatehouse.runtime.command.PolicyCommand;
import io.gatehouse.runtime.command.RevokeCommand;
import io.gatehouse.runtime.command.RunCommand;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code gatehouse} command. Each subcommand is one class in {@code io.gatehouse.runtime.command}.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = Gatehouse.Version.class,
        description = "Least-privilege gateway for AWS API calls made by people, CI jobs and AI agents.",
        subcommands = {RunCommand.class, CredentialsCommand.class, RevokeCommand.class, ApprovalsCommand.class,
            GrantsCommand.class, PolicyCommand.class, HashPasswordCommand.class, CommandLine.HelpCommand.class})
public final class Gatehouse implements Runnable {

    @Spec
    private CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line, ready to execute or parse */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Gatehouse());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Without a subcommand: say which ones there are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'gatehouse run'");
    }

    /** The version from the launcher jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Gatehouse " + Optional.ofNullable(Gatehouse.class.getPackage()
                    .getImplementationVersion()).orElse("(development build)")};
        }
    }
}
