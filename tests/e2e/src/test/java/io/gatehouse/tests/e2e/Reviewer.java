package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A person holding a gateway session from the development issuer who uses {@code bin/gatehouse approvals} (or
 * {@code grants}) against the control plane, as a reviewer, a requester trying to approve its own call, or a
 * caller asking for a grant would.
 */
final class Reviewer {

    private final GatehouseDistribution gatehouse;
    private final Path workDir;
    private final Map<String, String> environment;

    private Reviewer(GatehouseDistribution gatehouse, Path workDir, Map<String, String> environment) {
        this.gatehouse = gatehouse;
        this.workDir = workDir;
        this.environment = environment;
    }

    /** Signs {@code user} in with the development issuer, in {@code groups}. */
    static Reviewer signIn(GatehouseDistribution gatehouse, Path workDir, String user, String groups) {
        GatehouseCredentials.Result session = GatehouseCredentials.run(gatehouse, workDir, Map.of(), "--dev",
                "--user", user, "--groups", groups, "--no-cache");
        assertThat(session.exitCode()).as("%s", session).isZero();
        return new Reviewer(gatehouse, workDir, GatehouseCredentials.environmentOf(session.json()));
    }

    /**
     * Signs {@code user} in, retrying for up to 30 seconds: FileInstall applies the development issuer's
     * configuration a moment after it is written.
     */
    static Reviewer awaitSignIn(GatehouseDistribution gatehouse, Path workDir, String user, String groups) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                return signIn(gatehouse, workDir, user, groups);
            } catch (AssertionError e) {
                last = e;
                FreePort.sleep(Duration.ofMillis(500));
            }
        }
        throw last;
    }

    GatehouseCredentials.Result approvals(String... args) {
        return command("approvals", args);
    }

    /** Runs {@code bin/gatehouse NAME ARGS} with this person's session. */
    GatehouseCredentials.Result command(String name, String... args) {
        return GatehouseCredentials.execute(gatehouse, name, workDir, environment, args);
    }

    GatehouseCredentials.Result approve(String id) {
        return approvals("approve", id);
    }

    GatehouseCredentials.Result deny(String id, String reason) {
        return approvals("deny", id, "--reason", reason);
    }

    /** Every approval the control plane lists, as JSON objects. */
    List<JsonNode> list() {
        GatehouseCredentials.Result listed = approvals("list", "--json");
        assertThat(listed.exitCode()).as("%s", listed).isZero();
        JsonNode json = listed.json();
        JsonNode items = json.isArray() ? json : json.path("approvals");
        List<JsonNode> all = new ArrayList<>();
        items.forEach(all::add);
        return all;
    }

    /** The pending approvals whose resources mention {@code resourcePart}. */
    List<JsonNode> pending(String resourcePart) {
        return list().stream()
                .filter(a -> a.path("status").asText().toUpperCase(Locale.ROOT).equals("PENDING"))
                .filter(a -> a.path("resources").toString().contains(resourcePart))
                .toList();
    }

    /** Waits until exactly one approval is pending for {@code resourcePart}, and returns its id. */
    String awaitPending(String resourcePart, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> found = List.of();
        while (System.nanoTime() < deadline) {
            found = pending(resourcePart);
            if (!found.isEmpty()) {
                break;
            }
            FreePort.sleep(Duration.ofMillis(200));
        }
        assertThat(found).as("pending approvals for %s", resourcePart).hasSize(1);
        return found.get(0).path("id").asText();
    }

    Optional<JsonNode> find(String id) {
        return list().stream().filter(a -> a.path("id").asText().equals(id)).findFirst();
    }
}
