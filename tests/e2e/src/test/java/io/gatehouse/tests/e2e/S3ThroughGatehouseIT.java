package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * The real AWS CLI (path-style addressing) runs the same S3 session through Gatehouse (to an s3rver behind the
 * signature-checking double) and directly against a second s3rver; every answer must be the same once timestamps
 * are blanked, and every downloaded file must hash like the uploaded one. The ~10 MB file goes up as a multipart
 * upload (the CLI's threshold is 8 MiB). The double proves every call was re-signed with the upstream key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ThroughGatehouseIT {

    private static final String BUCKET = "gatehouse-e2e-bucket";
    private static final String ODD_KEY = "dir/small file+1 é.txt";
    /**
     * s3rver decodes x-amz-copy-source with decodeURI, which leaves %2B encoded: the copied key has no plus. Each key
     * DeleteObjects names is in its own folder: s3rver deletes them in parallel and races removing a shared folder.
     */
    private static final String COPIED_KEY = "other/copy me é.txt";
    private static final Set<String> VOLATILE = Set.of("LastModified", "CreationDate", "Date");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directDir;
    @TempDir
    static Path files;
    static S3Stack stack;
    static S3rver direct;
    static AwsCli throughGatehouse;
    static AwsCli directCli;
    static Path small;
    static Path big;

    @BeforeAll
    static void start() throws IOException {
        small = Files.writeString(files.resolve("small.txt"), "hello through Gatehouse\n");
        byte[] bytes = new byte[10 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(bytes);
        big = Files.write(files.resolve("big.bin"), bytes);
        stack = S3Stack.start("s3");
        direct = S3rver.start(directDir);
        throughGatehouse = stack.cli();
        directCli = S3Stack.cli(directDir, direct.endpoint(), S3rver.KEY);
    }

    @AfterAll
    static void stop() {
        if (direct != null) {
            direct.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void sameSessionThroughGatehouseAsDirect() throws Exception {
        sameText("s3", "mb", "s3://" + BUCKET);
        same("s3api", "put-object", "--bucket", BUCKET, "--key", ODD_KEY, "--body", small.toString());
        same("s3api", "head-object", "--bucket", BUCKET, "--key", ODD_KEY);
        sameDownload("get", "s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, "{out}");
        same("s3api", "put-object", "--bucket", BUCKET, "--key", COPIED_KEY, "--body", small.toString());
        same("s3api", "copy-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "--copy-source",
                BUCKET + "/" + COPIED_KEY);
        sameDownload("copy", "s3api", "get-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "{out}");
        sameText("s3", "cp", small.toString(), "s3://" + BUCKET + "/cp/small.txt", "--only-show-errors");
        sameText("s3", "cp", big.toString(), "s3://" + BUCKET + "/cp/big.bin", "--only-show-errors");
        same("s3api", "head-object", "--bucket", BUCKET, "--key", "cp/big.bin");
        sameDownload("small", "s3", "cp", "s3://" + BUCKET + "/cp/small.txt", "{out}", "--only-show-errors");
        sameDownload("big", "s3", "cp", "s3://" + BUCKET + "/cp/big.bin", "{out}", "--only-show-errors");
        assertThat(sha256(downloaded("big", "gateway"))).isEqualTo(sha256(big));
        assertThat(sha256(downloaded("get", "gateway"))).isEqualTo(sha256(small));
        sameText("s3", "ls", "s3://" + BUCKET, "--recursive");
        same("s3api", "list-objects-v2", "--bucket", BUCKET);
        same("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "dir/", "--delimiter", "/");
        same("s3api", "delete-objects", "--bucket", BUCKET, "--delete",
                "{\"Objects\":[{\"Key\":\"copies/copy.txt\"},{\"Key\":\"" + ODD_KEY + "\"},{\"Key\":\""
                        + COPIED_KEY + "\"}]}");
        same("s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, files.resolve("missing").toString());
        sameText("s3", "rm", "s3://" + BUCKET + "/cp/small.txt");
        sameText("s3", "rm", "s3://" + BUCKET + "/cp/big.bin");
        same("s3api", "list-objects-v2", "--bucket", BUCKET);
        sameText("s3", "rb", "s3://" + BUCKET);
        same("s3api", "list-buckets");
    }

    @Test
    @Order(2)
    void upstreamSawOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();

        assertThat(seen).extracting(SigningUpstream.SeenRequest::uri).anySatisfy(uri -> assertThat(uri)
                .isEqualTo("/" + BUCKET + "/dir/small%20file%2B1%20%C3%A9.txt"));
        assertThat(seen).extracting(SigningUpstream.SeenRequest::uri).anySatisfy(uri -> assertThat(uri)
                .contains("uploadId=").contains("partNumber=2"));
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.verified()).as("%s", request).isTrue();
            assertThat(request.accessKeyId()).isEqualTo(S3rver.KEY.id());
            assertThat(request.allHeaderText()).doesNotContain(stack.clientKey.id())
                    .doesNotContain(stack.clientKey.secret());
        });
    }

    @Test
    @Order(3)
    void unknownSubresourceIsRefusedBeforeUpstream() {
        int before = stack.upstream.count();

        AwsCli.Result result = throughGatehouse.run("s3api", "get-bucket-cors", "--bucket", BUCKET);

        assertThat(result.exitCode()).as("%s", result).isNotZero();
        assertThat(result.stderr()).contains("UnknownOperationException").contains("'cors'");
        assertThat(stack.upstream.count()).as("nothing reached the upstream").isEqualTo(before);
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
        assertThat(sha256(downloaded(name, "gateway"))).as("%s: content through Gatehouse", name)
                .isEqualTo(sha256(downloaded(name, "direct")));
    }

    private static Path downloaded(String name, String side) {
        return files.resolve(name + "-" + side + ".out");
    }

    private static String[] withOut(String[] args, Path out) {
        return java.util.Arrays.stream(args).map(arg -> "{out}".equals(arg) ? out.toString() : arg)
                .toArray(String[]::new);
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
            node.forEach(S3ThroughGatehouseIT::blank);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
