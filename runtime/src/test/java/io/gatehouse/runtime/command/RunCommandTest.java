package io.gatehouse.runtime.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.runtime.Gatehouse;
import io.gatehouse.runtime.internal.launch.LogLevel;
import io.gatehouse.runtime.internal.launch.RunOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class RunCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void installation() throws IOException {
        Files.createDirectories(home.resolve("system/1"));
    }

    @Test
    void defaults() {
        RunOptions options = parse("run", "--home", home.toString()).options(null);
        assertThat(options.home().root()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(options.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(options.waitForDataPlane()).isTrue();
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void options() {
        RunOptions options = parse("run", "--home=" + home, "--log-level", "DEBUG", "--no-wait",
                "--startup-timeout", "5").options(null);
        assertThat(options.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(options.waitForDataPlane()).isFalse();
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void logLevelsAreCaseInsensitive() {
        assertThat(parse("run", "--home", home.toString(), "--log-level", "warn").options(null).logLevel()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void theHomeComesFromTheEnvironmentWhenNoOptionNamesIt() {
        assertThat(parse("run").options(home.toString()).home().root()).isEqualTo(home.toAbsolutePath().normalize());
    }

    @Test
    void theOptionWinsOverTheEnvironment(@TempDir Path other) {
        assertThat(parse("run", "--home", home.toString()).options(other.toString()).home().root())
                .isEqualTo(home.toAbsolutePath().normalize());
    }

    @Test
    void aFolderWithoutSystemIsNoInstallation(@TempDir Path empty) {
        assertThatThrownBy(() -> parse("run", "--home", empty.toString()).options(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no system/ folder")
                .hasMessageContaining("--home");
    }

    @Test
    void aHomeWithoutSystemExitsWithStatus2AndSaysWhy(@TempDir Path empty) {
        assertThat(execute("run", "--home", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a Gatehouse installation");
    }

    @Test
    void anUnknownLogLevelIsAUsageError() {
        assertThat(execute("run", "--log-level", "loud")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--log-level'").contains("loud");
    }

    @Test
    void aTimeoutBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> parse("run", "--home", home.toString(), "--startup-timeout", "0").options(null))
                .hasMessageContaining("--startup-timeout");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command").contains("run");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(execute("fly")).isEqualTo(2);
        assertThat(err.toString()).contains("fly");
    }

    @Test
    void helpListsTheCommandsAndExitsWith0() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("run").contains("hash-password");
        assertThat(execute("run", "--help")).isZero();
        assertThat(out.toString()).contains("--home").contains("--log-level").contains("--no-wait");
    }

    private RunCommand parse(String... args) {
        ParseResult result = Gatehouse.commandLine().parseArgs(args);
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }

    private int execute(String... args) {
        CommandLine commandLine = Gatehouse.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
