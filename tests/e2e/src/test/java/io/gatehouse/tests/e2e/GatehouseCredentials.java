package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the distribution's own {@code bin/gatehouse credentials} as a user (or the CLI's credential_process) does,
 * against the gateway's control port.
 */
final class GatehouseCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatehouseCredentials() {
    }

    /** @return the command line, for a credential_process entry */
    static String commandLine(GatehouseDistribution gatehouse, String... args) {
        List<String> command = command(gatehouse, args);
        return String.join(" ", command);
    }

    private static List<String> command(GatehouseDistribution gatehouse, String... args) {
        return subcommand(gatehouse, "credentials", args);
    }

    private static List<String> subcommand(GatehouseDistribution gatehouse, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(gatehouse.home().resolve("bin/gatehouse").toString(),
                name, "--endpoint", "http://127.0.0.1:" + gatehouse.controlPort()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code bin/gatehouse revoke ARGS} with extra environment variables. */
    static Result revoke(GatehouseDistribution gatehouse, Path workDir, Map<String, String> env, String... args) {
        return execute(subcommand(gatehouse, "revoke", args), workDir, env);
    }

    /** Runs {@code bin/gatehouse NAME ARGS --endpoint CONTROL_PLANE} with extra environment variables. */
    static Result execute(GatehouseDistribution gatehouse, String name, Path workDir, Map<String, String> env,
                          String... args) {
        List<String> command = new ArrayList<>(List.of(gatehouse.home().resolve("bin/gatehouse").toString(), name));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint", "http://127.0.0.1:" + gatehouse.controlPort()));
        return execute(command, workDir, env);
    }

    /** The AWS_* variables an agent holding these credentials has. */
    static Map<String, String> environmentOf(JsonNode credentials) {
        return Map.of("AWS_ACCESS_KEY_ID", credentials.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.path("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.path("SessionToken").asText());
    }

    /** What one run printed. */
    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + this, e);
            }
        }
    }

    /** Runs {@code bin/gatehouse credentials ARGS} with extra environment variables. */
    static Result run(GatehouseDistribution gatehouse, Path workDir, Map<String, String> env, String... args) {
        return execute(command(gatehouse, args), workDir, env);
    }

    private static Result execute(List<String> command, Path workDir, Map<String, String> env) {
        try {
            Path out = Files.createTempFile(workDir, "credentials-", ".out");
            Path err = Files.createTempFile(workDir, "credentials-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command.subList(0, 2)) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A CLI config with static temporary credentials from a credential_process answer. */
    static String staticProfile(JsonNode credentials, String region) {
        return "[default]\nregion = " + region + "\noutput = json\nmax_attempts = 1\nretry_mode = standard\n"
                + "aws_access_key_id = " + credentials.path("AccessKeyId").asText() + "\n"
                + "aws_secret_access_key = " + credentials.path("SecretAccessKey").asText() + "\n"
                + "aws_session_token = " + credentials.path("SessionToken").asText() + "\n";
    }
}
