package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A vendor ships a service table in its own bundle — no Java code, just a {@code Gatehouse-ServiceTables} header
 * and a JSON file — and drops it into {@code deploy/}: the JSON adapter's extender registers it, and with a higher
 * ranking it replaces the shipped Secrets Manager table (here: a table that allows DescribeSecret only, so
 * GetSecretValue becomes an unknown action, refused before upstream). Removing the jar restores the shipped table.
 */
class VendorServiceTableIT {

    private static final Duration DEPLOY = Duration.ofSeconds(30);
    private static final String VENDOR_TABLE = """
            {"description": "A vendor's narrower Secrets Manager: DescribeSecret only.",
             "service": "secretsmanager", "protocol": "AWS_JSON_1_1", "target": "secretsmanager.", "ranking": 100,
             "resourceTypes": {"secret": {"forms": [{"match": "[A-Za-z0-9/_+=.@-]{1,512}",
                 "arn": "arn:{partition}:{service}:{region}:{account}:secret:{0}"}]}},
             "operations": [{"action": "DescribeSecret", "resources": [{"type": "secret", "from": ["SecretId"]}]}]}
            """;

    static GatewayChain<CannedJsonServer> stack;
    static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        stack = GatewayChain.start(new GatewayChain.Spec<>("vendor-table", dir -> CannedJsonServer.start(Map.of(
                "secretsmanager.GetSecretValue", CannedJsonServer.Answer.json11("{\"SecretString\":\"canned\"}"))),
                CannedJsonServer::endpoint, List.of("secretsmanager"), gatehouse -> { }, VendorServiceTableIT::ready));
        client = client(stack);
    }

    @AfterAll
    static void stop() {
        Closing.all(client, stack);
    }

    @Test
    void aVendorBundleWithOnlyATableReplacesAndThenRestoresTheShippedTable() throws IOException {
        Path jar = vendorJar(stack.workDir.resolve("vendor-tables.jar"));
        Path deployed = stack.gatehouse.deploy().resolve("com.example.gatehouse.tables-1.0.0.jar");

        Files.move(jar, deployed, StandardCopyOption.ATOMIC_MOVE);
        int before = awaitOutcome(o -> o.contains("UnknownOperationException"),
                "GetSecretValue to be an unknown action once the vendor table is deployed");
        assertThat(outcome(client)).contains("Unknown secretsmanager action 'GetSecretValue'");
        assertThat(stack.upstream.count()).as("refused calls never reach upstream").isEqualTo(before);

        Files.delete(deployed);
        awaitOutcome("canned"::equals, "GetSecretValue to work again once the vendor jar is gone");
    }

    private static boolean ready(GatewayChain<CannedJsonServer> candidate) {
        try (SecretsManagerClient secrets = client(candidate)) {
            return outcome(secrets).equals("canned");
        }
    }

    private static int awaitOutcome(Predicate<String> wanted, String what) {
        long deadline = System.nanoTime() + DEPLOY.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            int before = stack.upstream.count();
            last = outcome(client);
            if (wanted.test(last)) {
                return before;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        return fail("Waited " + DEPLOY + " for " + what + "; last outcome: " + last + "\nGatehouse output:\n"
                + stack.gatehouse.logText());
    }

    /** The secret string, or the error code and message Gatehouse answered with. */
    private static String outcome(SecretsManagerClient secrets) {
        try {
            return secrets.getSecretValue(r -> r.secretId("app/db")).secretString();
        } catch (AwsServiceException e) {
            return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** A bundle with no code: a manifest naming its tables folder, and one table. */
    private static Path vendorJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "com.example.gatehouse.tables");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Gatehouse-ServiceTables", "tables/");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("tables/"));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("tables/secretsmanager.json"));
            jar.write(VENDOR_TABLE.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    private static SecretsManagerClient client(GatewayChain<?> target) {
        return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(target.gatehouse.endpoint())
                .region(Region.of(GatewayChain.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(target.clientKey.id(), target.clientKey.secret())))
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }
}
