package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual-hosted-style S3 through Gatehouse with the real CLI ({@code addressing_style = virtual}): the CLI calls
 * {@code BUCKET.s3.localhost:PORT} (the S3 adapter is configured with {@code virtual.host.domains = s3.localhost};
 * {@link S3Cli#LOCALHOST_SHIM} resolves {@code *.localhost} to 127.0.0.1, which this machine's resolver does not).
 * The gateway verifies the client's signature over that Host, decodes bucket and key from Host and path, and forwards
 * the path-style request for the same bucket and key — which the double and S3Mock receive and store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3VirtualHostedIT {

    private static final String BUCKET = "virtual-photos";
    private static final String KEY = "dir/a b+c é.txt";
    private static final String ENCODED_KEY = "dir/a%20b%2Bc%20%C3%A9.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;
    static GatewayChain<S3Mock> chain;
    static AwsCli virtualHosted;
    static AwsCli pathStyle;
    static Path object;
    static Path big;

    @BeforeAll
    static void start() throws IOException {
        object = Files.writeString(files.resolve("object.txt"), "virtual-hosted through Gatehouse\n");
        big = S3Cli.randomFile(files.resolve("big.bin"), 9 * 1024 * 1024 + 17, 11);
        chain = GatewayChain.start(new GatewayChain.Spec<>("s3-virtual", S3Mock::start, S3Mock::endpoint,
                List.of("s3"), gatehouse -> gatehouse.configure("io.gatehouse.plugins.aws.s3",
                        Map.of("virtual.host.domains", "s3.localhost")),
                started -> S3Cli.pathStyle(started.workDir, started.gatehouse.endpoint(), started.clientKey)
                        .run("s3api", "list-buckets").ok()));
        URI gateway = chain.gatehouse.endpoint();
        virtualHosted = S3Cli.virtualHosted(chain.workDir, URI.create("http://s3.localhost:" + gateway.getPort()),
                chain.clientKey);
        pathStyle = S3Cli.pathStyle(chain.workDir, gateway, chain.clientKey);
    }

    @AfterAll
    static void stop() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void putsAndGetsObjectsVirtualHosted() throws IOException {
        ok(virtualHosted.run("s3api", "create-bucket", "--bucket", BUCKET));
        ok(virtualHosted.run("s3api", "put-object", "--bucket", BUCKET, "--key", KEY, "--body", object.toString()));
        JsonNode head = JSON.readTree(ok(virtualHosted.run("s3api", "head-object", "--bucket", BUCKET, "--key",
                KEY)).stdout());
        Path got = files.resolve("got.txt");
        ok(virtualHosted.run("s3api", "get-object", "--bucket", BUCKET, "--key", KEY, got.toString()));
        ok(virtualHosted.run("s3", "cp", big.toString(), "s3://" + BUCKET + "/big.bin", "--only-show-errors"));
        Path bigBack = files.resolve("big-back.bin");
        ok(virtualHosted.run("s3", "cp", "s3://" + BUCKET + "/big.bin", bigBack.toString(), "--only-show-errors"));
        JsonNode listed = JSON.readTree(ok(virtualHosted.run("s3api", "list-objects-v2", "--bucket", BUCKET))
                .stdout());

        assertThat(head.path("ContentLength").asLong()).isEqualTo(Files.size(object));
        assertThat(S3Cli.sha256(got)).isEqualTo(S3Cli.sha256(object));
        assertThat(S3Cli.sha256(bigBack)).isEqualTo(S3Cli.sha256(big));
        assertThat(listed.path("Contents").findValuesAsText("Key")).containsExactly("big.bin", KEY);
    }

    @Test
    @Order(2)
    void theCliAddressedTheBucketByHostName() {
        AwsCli.Result debug = ok(virtualHosted.run("s3api", "head-object", "--bucket", BUCKET, "--key", KEY,
                "--debug"));

        assertThat(debug.stderr()).contains("url=http://" + BUCKET + ".s3.localhost:"
                + chain.gatehouse.endpoint().getPort() + "/" + ENCODED_KEY);
    }

    @Test
    @Order(3)
    void theSameObjectsReadPathStyle() {
        Path got = files.resolve("got-path-style.txt");

        ok(pathStyle.run("s3api", "get-object", "--bucket", BUCKET, "--key", KEY, got.toString()));

        assertThat(S3Cli.sha256(got)).isEqualTo(S3Cli.sha256(object));
    }

    @Test
    @Order(4)
    void upstreamReceivedPathStyleRequestsForTheSameBucketAndKey() {
        List<SigningUpstream.SeenRequest> seen = chain.upstream.requests();
        List<String> calls = seen.stream().map(request -> request.method() + " " + request.uri()).toList();

        assertThat(calls).contains("PUT /" + BUCKET, "PUT /" + BUCKET + "/" + ENCODED_KEY,
                "HEAD /" + BUCKET + "/" + ENCODED_KEY, "GET /" + BUCKET + "/" + ENCODED_KEY,
                "POST /" + BUCKET + "/big.bin?uploads");
        assertThat(calls).anySatisfy(call -> assertThat(call).startsWith("GET /" + BUCKET + "?list-type=2"));
        assertThat(seen).filteredOn(request -> request.uri().startsWith("/" + BUCKET + "/big.bin?")
                && request.uri().contains("partNumber=2")).hasSize(1);
        assertThat(seen).filteredOn(request -> !request.uri().equals("/") && !request.uri().startsWith("/?"))
                .allSatisfy(request -> assertThat(request.uri()).as("%s", request).startsWith("/" + BUCKET));
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.verified()).as("%s", request).isTrue();
            assertThat(request.header("Host")).as("the upstream's own Host").startsWith("127.0.0.1:");
        });
    }

    private static AwsCli.Result ok(AwsCli.Result result) {
        assertThat(result.ok()).as(() -> result + "\nGatehouse output:\n" + chain.gatehouse.logText()).isTrue();
        return result;
    }
}
