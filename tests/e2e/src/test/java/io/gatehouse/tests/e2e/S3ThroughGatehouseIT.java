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

    @TempDir
    static Path directDir;
    @TempDir
    static Path files;
    static S3Stack stack;
    static S3rver direct;
    static AwsCli throughGatehouse;
    static CliComparison session;
    static Path small;
    static Path big;

    @BeforeAll
    static void start() throws IOException {
        small = Files.writeString(files.resolve("small.txt"), "hello through Gatehouse\n");
        big = S3Cli.randomFile(files.resolve("big.bin"), 10 * 1024 * 1024 + 12345, 42);
        stack = S3Stack.start("s3");
        direct = S3rver.start(directDir);
        throughGatehouse = stack.cli();
        session = new CliComparison(throughGatehouse, S3Stack.cli(directDir, direct.endpoint(), S3rver.KEY), VOLATILE,
                files);
    }

    @AfterAll
    static void stop() {
        Closing.all(direct, stack);
    }

    @Test
    @Order(1)
    void sameSessionThroughGatehouseAsDirect() throws Exception {
        session.sameText("s3", "mb", "s3://" + BUCKET);
        session.same("s3api", "put-object", "--bucket", BUCKET, "--key", ODD_KEY, "--body", small.toString());
        session.same("s3api", "head-object", "--bucket", BUCKET, "--key", ODD_KEY);
        session.sameDownload("get", "s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, "{out}");
        session.same("s3api", "put-object", "--bucket", BUCKET, "--key", COPIED_KEY, "--body", small.toString());
        session.same("s3api", "copy-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "--copy-source",
                BUCKET + "/" + COPIED_KEY);
        session.sameDownload("copy", "s3api", "get-object", "--bucket", BUCKET, "--key", "copies/copy.txt", "{out}");
        session.sameText("s3", "cp", small.toString(), "s3://" + BUCKET + "/cp/small.txt", "--only-show-errors");
        session.sameText("s3", "cp", big.toString(), "s3://" + BUCKET + "/cp/big.bin", "--only-show-errors");
        session.same("s3api", "head-object", "--bucket", BUCKET, "--key", "cp/big.bin");
        session.sameDownload("small", "s3", "cp", "s3://" + BUCKET + "/cp/small.txt", "{out}", "--only-show-errors");
        session.sameDownload("big", "s3", "cp", "s3://" + BUCKET + "/cp/big.bin", "{out}", "--only-show-errors");
        assertThat(S3Cli.sha256(session.downloaded("big", "gateway"))).isEqualTo(S3Cli.sha256(big));
        assertThat(S3Cli.sha256(session.downloaded("get", "gateway"))).isEqualTo(S3Cli.sha256(small));
        session.sameText("s3", "ls", "s3://" + BUCKET, "--recursive");
        session.same("s3api", "list-objects-v2", "--bucket", BUCKET);
        session.same("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "dir/", "--delimiter", "/");
        session.same("s3api", "delete-objects", "--bucket", BUCKET, "--delete",
                "{\"Objects\":[{\"Key\":\"copies/copy.txt\"},{\"Key\":\"" + ODD_KEY + "\"},{\"Key\":\""
                        + COPIED_KEY + "\"}]}");
        session.same("s3api", "get-object", "--bucket", BUCKET, "--key", ODD_KEY, files.resolve("missing").toString());
        session.sameText("s3", "rm", "s3://" + BUCKET + "/cp/small.txt");
        session.sameText("s3", "rm", "s3://" + BUCKET + "/cp/big.bin");
        session.same("s3api", "list-objects-v2", "--bucket", BUCKET);
        session.sameText("s3", "rb", "s3://" + BUCKET);
        session.same("s3api", "list-buckets");
    }

    @Test
    @Order(2)
    void upstreamSawOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();

        assertThat(seen).extracting(SigningUpstream.SeenRequest::uri).anySatisfy(uri -> assertThat(uri)
                .isEqualTo("/" + BUCKET + "/dir/small%20file%2B1%20%C3%A9.txt"));
        assertThat(seen).extracting(SigningUpstream.SeenRequest::uri).anySatisfy(uri -> assertThat(uri)
                .contains("uploadId=").contains("partNumber=2"));
        assertThat(stack.upstreamKey).isEqualTo(S3rver.KEY);
        stack.assertReSignedWithTheUpstreamKey(seen);
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
}
