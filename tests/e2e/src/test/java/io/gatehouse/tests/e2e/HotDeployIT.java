package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DynamoDB adapter is a plugin in deploy/: taking its jar away makes DynamoDB calls fail with a
 * clear "no adapter" error (and nothing goes upstream); putting it back restores service, all
 * without restarting the gateway.
 */
class HotDeployIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    static GatewayStack stack;
    static final SecretScan SCAN = new SecretScan();

    @RegisterExtension
    static final DumpLogsOnFailure DUMP = new DumpLogsOnFailure(() -> stack);

    @BeforeAll
    static void start() {
        stack = GatewayStack.start("hotdeploy");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void removingAndRestoringTheAdapterJar() throws IOException {
        AwsCli cli = stack.cli();
        long pid = stack.gatehouse.pid();
        assertThat(cli.run("dynamodb", "list-tables").ok()).as("list-tables before removal").isTrue();

        Path jar = stack.gatehouse.adapterJar();
        Path parked = Files.createDirectories(stack.workDir.resolve("parked")).resolve(jar.getFileName());
        Instant removed = Instant.now();
        Files.move(jar, parked, StandardCopyOption.ATOMIC_MOVE);

        AwsCli.Result refused = await(cli, r -> !r.ok() && r.stderr().toLowerCase(Locale.ROOT).contains("no adapter"),
                "list-tables to fail with \"no adapter\" after the jar left deploy/");
        System.out.printf("HotDeployIT: adapter gone %d ms after the jar was moved out%n", millisSince(removed));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).containsIgnoringCase("dynamodb");
        assertNothingReachesUpstream(cli);

        Path staging = Files.createDirectories(stack.workDir.resolve("staging")).resolve(jar.getFileName() + ".part");
        Files.copy(parked, staging);
        Instant restored = Instant.now();
        Files.move(staging, jar, StandardCopyOption.ATOMIC_MOVE);

        await(cli, AwsCli.Result::ok, "list-tables to work again after the jar came back");
        System.out.printf("HotDeployIT: adapter back %d ms after the jar was moved in%n", millisSince(restored));
        assertThat(cli.run("dynamodb", "create-table", "--table-name", "after_redeploy",
                "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST").ok()).isTrue();
        assertThat(stack.gatehouse.isRunning()).isTrue();
        assertThat(stack.gatehouse.pid()).as("same gateway process: no restart").isEqualTo(pid);
        SCAN.assertClean(stack);
    }

    /** A refused call is refused by the gateway, not by the upstream. */
    private static void assertNothingReachesUpstream(AwsCli cli) {
        int before = stack.upstream.count();
        AwsCli.Result again = cli.run("dynamodb", "list-tables");
        SCAN.clientSaw(again);
        assertThat(again.ok()).isFalse();
        assertThat(stack.upstream.count()).as("upstream requests while no adapter is deployed").isEqualTo(before);
    }

    private static AwsCli.Result await(AwsCli cli, Predicate<AwsCli.Result> condition, String what) {
        Instant deadline = Instant.now().plus(WITHIN);
        AwsCli.Result last = null;
        while (Instant.now().isBefore(deadline)) {
            last = cli.run("dynamodb", "list-tables");
            SCAN.clientSaw(last);
            if (condition.test(last)) {
                return last;
            }
            FreePort.sleep(Duration.ofMillis(200));
        }
        return fail("Waited " + WITHIN + " for " + what + "; last CLI result:\n" + last);
    }

    private static long millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }
}
