package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI (path style) runs the same S3 session through Gatehouse (to an S3Mock behind the
 * signature-checking double) and directly against a second S3Mock: {@code s3 mb/cp/ls/rm/rb}, {@code s3api}
 * put/get/head/copy-object, list-objects-v2, put/get-object-tagging, delete-objects and a 50 MiB multipart upload
 * (seven 8 MiB parts, each within the gateway's default 16 MiB body limit). Answers must be equal once
 * {@code LastModified} is blanked; downloads must hash like the uploads. S3Mock is more faithful than s3rver (real
 * multipart ETags, tagging) and binds loopback only here, which the first test proves.
 *
 * <p>The direct side runs through a {@link SigningUpstream} too (checking the CLI's own signature): S3Mock's Tomcat
 * answers {@code Expect: 100-continue} with a {@code 100} status line without the reason phrase, which the CLI
 * refuses ("Connection was closed before we received a valid response") — the JDK server in the double sends
 * {@code 100 Continue}, as the gateway does. Both sides then differ only by Gatehouse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3MockThroughGatehouseIT {

    private static final String BUCKET = "gatehouse-s3mock";
    private static final String ODD_KEY = "dir/small file+1 é.txt";
    private static final Set<String> VOLATILE = Set.of("LastModified", "CreationDate");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path directDir;
    @TempDir
    static Path files;
    static GatewayChain<S3Mock> chain;
    static S3Mock direct;
    static SigningUpstream directDouble;
    static AwsCli throughGatehouse;
    static AwsCli directCli;
    static Path small;
    static Path big;

    @BeforeAll
    static void start() throws IOException {
        small = Files.writeString(files.resolve("small.txt"), "hello S3Mock through Gatehouse\n");
        byte[] bytes = new byte[50 * MIB + 4321];
        new Random(7).nextBytes(bytes);
        big = Files.write(files.resolve("big.bin"), bytes);
        chain = GatewayChain.start(new GatewayChain.Spec<>("s3mock", S3Mock::start, S3Mock::endpoint, List.of("s3"),
                gatehouse -> { }, started -> S3Cli.pathStyle(started.workDir, started.gatehouse.endpoint(),
                        started.clientKey).run("s3api", "list-buckets").ok()));
        direct = S3Mock.start(directDir);
        directDouble = SigningUpstream.start(direct.endpoint(), chain.upstreamKey);
        throughGatehouse = S3Cli.pathStyle(chain.workDir, chain.gatehouse.endpoint(), chain.clientKey);
        directCli = S3Cli.pathStyle(directDir, directDouble.endpoint(), chain.upstreamKey);
    }

    @AfterAll
    static void stop() {
        if (directDouble != null) {
            directDouble.close();
        }
        if (direct != null) {
            direct.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void s3MockListensOnLoopbackOnly() {
        for (S3Mock mock : List.of(chain.server, direct)) {
            for (int port : mock.ports()) {
                assertThat(LoopbackListeners.on(port)).as("listeners on port %s", port).isNotEmpty()
                        .allSatisfy(listener -> assertThat(listener.loopback()).as("%s", listener).isTrue());
            }
        }
    }

    @Test
    @Order(2)
    void sameSessionThroughGatehouseAsDirect() throws Exception {
        sameText("s3", "mb", "s3://" + BUCKET);
        same("s3api", "put-object", "--bucket", BUCKET, "--key", ODD_KEY, "--body", small.toString());
        same("s3api", "head-object", "--bucket", BUCKET, "--key", ODD_KEY);
        sameDownload("get", "s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, "{out}");
        same("s3api", "put-object-tagging", "--bucket", BUCKET, "--key", ODD_KEY, "--tagging",
                "TagSet=[{Key=team,Value=platform},{Key=stage,Value=e2e}]");
        same("s3api", "get-object-tagging", "--bucket", BUCKET, "--key", ODD_KEY);
        same("s3api", "copy-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "--copy-source",
                BUCKET + "/" + ODD_KEY);
        sameDownload("copy", "s3api", "get-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "{out}");
        sameText("s3", "cp", small.toString(), "s3://" + BUCKET + "/cp/small.txt", "--only-show-errors");
        sameText("s3", "cp", big.toString(), "s3://" + BUCKET + "/cp/big.bin", "--only-show-errors");
        same("s3api", "head-object", "--bucket", BUCKET, "--key", "cp/big.bin");
        sameDownload("big", "s3", "cp", "s3://" + BUCKET + "/cp/big.bin", "{out}", "--only-show-errors");
        sameText("s3", "ls", "s3://" + BUCKET, "--recursive");
        same("s3api", "list-objects-v2", "--bucket", BUCKET);
        same("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "dir/", "--delimiter", "/");
        same("s3api", "delete-objects", "--bucket", BUCKET, "--delete",
                "{\"Objects\":[{\"Key\":\"copies/copy.txt\"},{\"Key\":\"" + ODD_KEY + "\"}]}");
        same("s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, files.resolve("missing").toString());
        sameText("s3", "rm", "s3://" + BUCKET + "/cp/small.txt");
        sameText("s3", "rm", "s3://" + BUCKET + "/cp/big.bin");
        same("s3api", "list-objects-v2", "--bucket", BUCKET);
        sameText("s3", "rb", "s3://" + BUCKET);

        assertThat(S3Cli.sha256(downloaded("big", "gateway"))).isEqualTo(S3Cli.sha256(big));
        assertThat(S3Cli.sha256(downloaded("get", "gateway"))).isEqualTo(S3Cli.sha256(small));
        assertThat(S3Cli.sha256(downloaded("copy", "gateway"))).isEqualTo(S3Cli.sha256(small));
    }

    @Test
    @Order(3)
    void upstreamSawAMultipartUploadAndOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = chain.upstream.requests();

        assertThat(seen).anySatisfy(request -> assertThat(request.method() + " " + request.uri())
                .isEqualTo("POST /" + BUCKET + "/cp/big.bin?uploads"));
        assertThat(seen.stream().filter(request -> request.method().equals("PUT")
                && request.uri().startsWith("/" + BUCKET + "/cp/big.bin?") && request.uri().contains("uploadId=")))
                .as("UploadPart calls").hasSize(7);
        assertThat(seen).anySatisfy(request -> assertThat(request.uri())
                .isEqualTo("/" + BUCKET + "/dir/small%20file%2B1%20%C3%A9.txt?tagging"));
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.verified()).as("%s", request).isTrue();
            assertThat(request.accessKeyId()).isEqualTo(chain.upstreamKey.id());
            assertThat(request.allHeaderText()).doesNotContain(chain.clientKey.id())
                    .doesNotContain(chain.clientKey.secret());
        });
    }

    private static void same(String... args) throws JsonProcessingException {
        compare(String.join(" ", args), throughGatehouse.run(args), directCli.run(args), true);
    }

    private static void sameText(String... args) throws JsonProcessingException {
        compare(String.join(" ", args), throughGatehouse.run(args), directCli.run(args), false);
    }

    /** Runs a download with {out} replaced by a file per side; the answers and the files must be equal. */
    private static void sameDownload(String name, String... args) throws Exception {
        AwsCli.Result gateway = throughGatehouse.run(withOut(args, downloaded(name, "gateway")));
        AwsCli.Result expected = directCli.run(withOut(args, downloaded(name, "direct")));
        compare(String.join(" ", args), gateway, expected, "s3api".equals(args[0]));
        assertThat(expected.ok()).as("%s directly: %s", name, expected).isTrue();
        assertThat(S3Cli.sha256(downloaded(name, "gateway"))).as("%s: content through Gatehouse", name)
                .isEqualTo(S3Cli.sha256(downloaded(name, "direct")));
    }

    private static Path downloaded(String name, String side) {
        return files.resolve(name + "-" + side + ".out");
    }

    private static String[] withOut(String[] args, Path out) {
        return Arrays.stream(args).map(arg -> "{out}".equals(arg) ? out.toString() : arg).toArray(String[]::new);
    }

    private static void compare(String command, AwsCli.Result gateway, AwsCli.Result expected, boolean json)
            throws JsonProcessingException {
        assertThat(gateway.exitCode()).as("aws %s: exit code through Gatehouse vs direct:\n%s\n=== direct:\n%s",
                command, gateway, expected).isEqualTo(expected.exitCode());
        if (expected.ok()) {
            Object through = json ? normalisedJson(gateway.stdout()) : normalisedText(gateway.stdout());
            Object direct = json ? normalisedJson(expected.stdout()) : normalisedText(expected.stdout());
            assertThat(through).as("aws %s: answer through Gatehouse vs direct", command).isEqualTo(direct);
        } else {
            assertThat(gateway.stderr().strip()).as("aws %s: error through Gatehouse vs direct", command)
                    .isEqualTo(expected.stderr().strip());
        }
    }

    private static String normalisedText(String stdout) {
        return stdout.replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "<time>");
    }

    private static JsonNode normalisedJson(String stdout) throws JsonProcessingException {
        if (stdout.isBlank()) {
            return JSON.missingNode();
        }
        JsonNode tree = JSON.readTree(stdout);
        blank(tree);
        return tree;
    }

    private static void blank(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (VOLATILE.contains(field.getKey())) {
                    field.setValue(JSON.getNodeFactory().textNode("<volatile>"));
                } else {
                    blank(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(S3MockThroughGatehouseIT::blank);
        }
    }
}
