package io.gatehouse.runtime.command;

import io.gatehouse.runtime.internal.config.BuiltInRules;
import io.gatehouse.runtime.internal.console.ConsolePassword;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatehouse hash-password}: the hashed form of a Web Console password, for etc/. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = {"Reads a Web Console password (from the terminal without echo, or one line from standard input)",
            "and prints the line to put in etc/" + BuiltInRules.CONSOLE_PID + ".cfg."})
public final class HashPasswordCommand implements Callable<Integer> {

    private static final int MIN_LENGTH = 12;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String password = read();
        if (password == null || password.length() < MIN_LENGTH) {
            throw new ParameterException(spec.commandLine(),
                    "The password must have at least " + MIN_LENGTH + " characters.");
        }
        spec.commandLine().getOut().println("password = " + ConsolePassword.hash(password, new SecureRandom()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Web Console password: ");
            return typed == null ? null : new String(typed);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.readLine();
    }
}
