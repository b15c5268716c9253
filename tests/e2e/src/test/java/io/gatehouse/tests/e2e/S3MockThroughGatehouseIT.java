package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path directDir;
    @TempDir
    static Path files;
    static GatewayChain<S3Mock> chain;
    static S3Mock direct;
    static SigningUpstream directDouble;
    static CliComparison session;
    static Path small;
    static Path big;

    @BeforeAll
    static void start() throws IOException {
        small = Files.writeString(files.resolve("small.txt"), "hello S3Mock through Gatehouse\n");
        big = S3Cli.randomFile(files.resolve("big.bin"), 50 * MIB + 4321, 7);
        chain = GatewayChain.start(new GatewayChain.Spec<>("s3mock", S3Mock::start, S3Mock::endpoint, List.of("s3"),
                gatehouse -> { }, started -> S3Cli.pathStyle(started.workDir, started.gatehouse.endpoint(),
                        started.clientKey).run("s3api", "list-buckets").ok()));
        direct = S3Mock.start(directDir);
        directDouble = SigningUpstream.start(direct.endpoint(), chain.upstreamKey);
        session = new CliComparison(S3Cli.pathStyle(chain.workDir, chain.gatehouse.endpoint(), chain.clientKey),
                S3Cli.pathStyle(directDir, directDouble.endpoint(), chain.upstreamKey), VOLATILE, files);
    }

    @AfterAll
    static void stop() {
        Closing.all(directDouble, direct, chain);
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
        session.sameText("s3", "mb", "s3://" + BUCKET);
        session.same("s3api", "put-object", "--bucket", BUCKET, "--key", ODD_KEY, "--body", small.toString());
        session.same("s3api", "head-object", "--bucket", BUCKET, "--key", ODD_KEY);
        session.sameDownload("get", "s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, "{out}");
        session.same("s3api", "put-object-tagging", "--bucket", BUCKET, "--key", ODD_KEY, "--tagging",
                "TagSet=[{Key=team,Value=platform},{Key=stage,Value=e2e}]");
        session.same("s3api", "get-object-tagging", "--bucket", BUCKET, "--key", ODD_KEY);
        session.same("s3api", "copy-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "--copy-source",
                BUCKET + "/" + ODD_KEY);
        session.sameDownload("copy", "s3api", "get-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "{out}");
        session.sameText("s3", "cp", small.toString(), "s3://" + BUCKET + "/cp/small.txt", "--only-show-errors");
        session.sameText("s3", "cp", big.toString(), "s3://" + BUCKET + "/cp/big.bin", "--only-show-errors");
        session.same("s3api", "head-object", "--bucket", BUCKET, "--key", "cp/big.bin");
        session.sameDownload("big", "s3", "cp", "s3://" + BUCKET + "/cp/big.bin", "{out}", "--only-show-errors");
        session.sameText("s3", "ls", "s3://" + BUCKET, "--recursive");
        session.same("s3api", "list-objects-v2", "--bucket", BUCKET);
        session.same("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "dir/", "--delimiter", "/");
        session.same("s3api", "delete-objects", "--bucket", BUCKET, "--delete",
                "{\"Objects\":[{\"Key\":\"copies/copy.txt\"},{\"Key\":\"" + ODD_KEY + "\"}]}");
        session.same("s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, files.resolve("missing").toString());
        session.sameText("s3", "rm", "s3://" + BUCKET + "/cp/small.txt");
        session.sameText("s3", "rm", "s3://" + BUCKET + "/cp/big.bin");
        session.same("s3api", "list-objects-v2", "--bucket", BUCKET);
        session.sameText("s3", "rb", "s3://" + BUCKET);

        assertThat(S3Cli.sha256(session.downloaded("big", "gateway"))).isEqualTo(S3Cli.sha256(big));
        assertThat(S3Cli.sha256(session.downloaded("get", "gateway"))).isEqualTo(S3Cli.sha256(small));
        assertThat(S3Cli.sha256(session.downloaded("copy", "gateway"))).isEqualTo(S3Cli.sha256(small));
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
        chain.assertReSignedWithTheUpstreamKey(seen);
    }
}
