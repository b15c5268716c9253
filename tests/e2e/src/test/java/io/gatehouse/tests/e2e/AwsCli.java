package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real AWS CLI v2 ({@code /usr/bin/aws}) with its own config and credentials files in the
 * test's folder, no instance-metadata probing, no pager, JSON output and one attempt per call (a
 * retry would hide what the gateway answered).
 */
final class AwsCli {

    private static final long TIMEOUT_SECONDS = 60;
    private static final AtomicInteger CALLS = new AtomicInteger();

    private final Path aws;
    private final Path home;
    private final URI endpoint;
    private final String region;
    private final Map<String, String> extraEnvironment;

    private AwsCli(Path aws, Path home, URI endpoint, String region) {
        this(aws, home, endpoint, region, Map.of());
    }

    private AwsCli(Path aws, Path home, URI endpoint, String region, Map<String, String> extraEnvironment) {
        this.aws = aws;
        this.home = home;
        this.endpoint = endpoint;
        this.region = region;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** The same CLI with {@code variables} added to its environment (e.g. {@code PYTHONPATH}). */
    AwsCli withEnvironment(Map<String, String> variables) {
        return new AwsCli(aws, home, endpoint, region, variables);
    }

    /**
     * A CLI that calls {@code endpoint} with {@code key}; its files live in a new folder under
     * {@code workDir}.
     */
    static AwsCli create(Path workDir, URI endpoint, AccessKey key, String region) {
        Path aws = Prerequisites.awsCli();
        try {
            Path home = Files.createTempDirectory(workDir, "aws-cli-");
            Files.writeString(home.resolve("config"), "[default]\nregion = " + region
                    + "\noutput = json\nmax_attempts = 1\nretry_mode = standard\n");
            Files.writeString(home.resolve("credentials"), "[default]\naws_access_key_id = " + key.id()
                    + "\naws_secret_access_key = " + key.secret() + "\n");
            return new AwsCli(aws, home, endpoint, region);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CLI whose {@code config} file is {@code config} as given (e.g. a profile with a {@code credential_process})
     * and whose credentials file is empty.
     */
    static AwsCli withConfig(Path workDir, URI endpoint, String region, String config) {
        Path aws = Prerequisites.awsCli();
        try {
            Path home = Files.createTempDirectory(workDir, "aws-cli-");
            Files.writeString(home.resolve("config"), config);
            Files.writeString(home.resolve("credentials"), "");
            return new AwsCli(aws, home, endpoint, region);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one CLI run printed. */
    record Result(int exitCode, String stdout, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** Runs {@code aws <args> --endpoint-url ... --output json}, e.g. {@code run("dynamodb", "list-tables")}. */
    Result run(String... args) {
        return run(java.time.Duration.ofSeconds(TIMEOUT_SECONDS), args);
    }

    /** Like {@link #run(String...)} with another time limit (large transfers). */
    Result run(java.time.Duration timeout, String... args) {
        return start(args, List.of("--cli-connect-timeout", "10", "--cli-read-timeout", "30"))
                .await(timeout.toSeconds(), "aws " + String.join(" ", args));
    }

    /**
     * Starts {@code aws <args> --endpoint-url ... --output json} with the CLI's own default timeouts, in the
     * background; the caller waits for it or kills it.
     */
    Launched launch(String... args) {
        Launched launched = start(args, List.of());
        Processes.stopAtExit(launched.process());
        return launched;
    }

    private Launched start(String[] args, List<String> options) {
        List<String> command = new ArrayList<>(List.of(aws.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(options);
        int call = CALLS.incrementAndGet();
        Path stdout = home.resolve("call-" + call + ".out");
        Path stderr = home.resolve("call-" + call + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        environment(builder.environment());
        try {
            return new Launched(builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    /** A CLI run in the background. */
    record Launched(Process process, Path stdout, Path stderr) {

        /** Waits up to {@code seconds} for the run to end. */
        Result await(long seconds) {
            return await(seconds, "aws");
        }

        private Result await(long seconds, String what) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail(what + " did not finish within " + seconds + " s:\n" + read(stderr));
                }
                return new Result(process.exitValue(), read(stdout), read(stderr));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /** Kills the CLI as a user's Ctrl-C or a crashed agent would end it: its connection closes. */
        void kill() {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void environment(Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_PAGER", "");
        env.put("HOME", home.toString());
        env.putAll(extraEnvironment);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
