package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Large S3 transfers stream through Gatehouse, started from its distribution with the heap capped at 256 MB, to an
 * s3rver that checks the gateway's signatures itself: a 1 GiB file up and down with the CLI (multipart upload,
 * ranged parallel downloads), one 200 MiB PutObject and GetObject, aws-chunked uploads signed by the SDK's chunk
 * signer (one with a corrupted chunk signature: 403 and nothing upstream, not even partially), and the SDK v2
 * S3Client, which sends aws-chunked bodies with checksum trailers. Every file's SHA-256 is compared end to end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3StreamingIT {

    private static final String BUCKET = "gatehouse-streaming";
    private static final String REGION = GatewayStack.REGION;
    private static final long GIB = 1024L * 1024 * 1024;
    private static final Duration TRANSFER = Duration.ofMinutes(8);

    static Path workDir;
    static S3rver s3rver;
    static GatehouseDistribution gatehouse;
    static AccessKey clientKey = AccessKey.random("AKIACLIENT");
    static AwsCli throughGatehouse;
    static AwsCli directToS3rver;

    @BeforeAll
    static void start() throws IOException {
        workDir = Files.createTempDirectory(Path.of("target"), "s3-streaming-").toAbsolutePath();
        s3rver = S3rver.start(workDir);
        gatehouse = GatehouseDistribution.install(workDir)
                .clientKey("e2e", clientKey, "e2e-client")
                .upstreamKey(S3rver.KEY)
                .endpoint("s3", s3rver.endpoint())
                .javaOpts("-Xmx256m -XX:+ExitOnOutOfMemoryError");
        gatehouse.start();
        throughGatehouse = S3Stack.cli(workDir, gatehouse.endpoint(), clientKey);
        directToS3rver = S3Stack.cli(workDir, s3rver.endpoint(), S3rver.KEY);
        awaitAdapter();
        AwsCli.Result mb = throughGatehouse.run("s3", "mb", "s3://" + BUCKET);
        assertThat(mb.ok()).as("%s", mb).isTrue();
    }

    @AfterAll
    static void stop() {
        Closing.all(gatehouse, s3rver, Closing.folder(workDir));
    }

    @Test
    @Order(1)
    void aOneGibFileGoesUpAndDownWithTheCliThroughA256MbHeap() throws Exception {
        Path file = generate("one-gib.bin", GIB);
        Path back = workDir.resolve("one-gib.back");
        try {
            AwsCli.Result up = throughGatehouse.run(TRANSFER, "s3", "cp", file.toString(),
                    "s3://" + BUCKET + "/big/one-gib.bin", "--only-show-errors");
            assertThat(up.ok()).as("upload: %s\n%s", up, gatehouse.logText()).isTrue();
            AwsCli.Result down = throughGatehouse.run(TRANSFER, "s3", "cp", "s3://" + BUCKET + "/big/one-gib.bin",
                    back.toString(), "--only-show-errors");
            assertThat(down.ok()).as("download: %s\n%s", down, gatehouse.logText()).isTrue();

            assertThat(Files.size(back)).isEqualTo(GIB);
            assertThat(sha256(back)).isEqualTo(sha256(file));
            assertThat(gatehouse.isRunning()).as("the gateway survived with -Xmx256m").isTrue();
            assertThat(gatehouse.logText()).doesNotContain("OutOfMemoryError");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(back);
        }
        AwsCli.Result rm = throughGatehouse.run("s3", "rm", "s3://" + BUCKET + "/big/one-gib.bin");
        assertThat(rm.ok()).as("%s", rm).isTrue();
    }

    @Test
    @Order(2)
    void oneSinglePutObjectOf200MibAndItsGetAndHead() throws Exception {
        long size = 200L * 1024 * 1024 + 7;
        Path file = generate("single.bin", size);
        Path back = workDir.resolve("single.back");
        try {
            AwsCli.Result put = throughGatehouse.run(TRANSFER, "s3api", "put-object", "--bucket", BUCKET, "--key",
                    "single.bin", "--body", file.toString());
            assertThat(put.ok()).as("put-object: %s", put).isTrue();
            AwsCli.Result head = throughGatehouse.run("s3api", "head-object", "--bucket", BUCKET, "--key",
                    "single.bin");
            assertThat(head.stdout()).contains("\"ContentLength\": " + size);
            AwsCli.Result get = throughGatehouse.run(TRANSFER, "s3api", "get-object", "--bucket", BUCKET, "--key",
                    "single.bin", back.toString());
            assertThat(get.ok()).as("get-object: %s", get).isTrue();
            assertThat(sha256(back)).isEqualTo(sha256(file));

            AwsCli.Result range = throughGatehouse.run("s3api", "get-object", "--bucket", BUCKET, "--key",
                    "single.bin", "--range", "bytes=1048576-2097151", back.toString());
            assertThat(range.stdout()).contains("\"ContentLength\": 1048576").contains("ContentRange");
            assertThat(Files.readAllBytes(back)).isEqualTo(slice(file, 1048576, 1048576));
            assertThat(gatehouse.isRunning()).isTrue();
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(back);
        }
    }

    @Test
    @Order(3)
    void anAwsChunkedUploadSignedByTheSdkIsStoredDecoded() throws Exception {
        byte[] data = randomBytes(1_000_000, 11);
        AwsChunkedUpload upload = AwsChunkedUpload.sign(gatehouse.endpoint(), BUCKET, "chunked/good.bin", data,
                clientKey, REGION);
        assertThat(upload.request.firstMatchingHeader("x-amz-content-sha256"))
                .contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

        AwsChunkedUpload.Answer answer = upload.send(Duration.ofSeconds(60));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(directObject("chunked/good.bin")).isEqualTo(data);
    }

    @Test
    @Order(4)
    void theSdkS3ClientUploadsAndDownloadsThroughGatehouse() throws Exception {
        byte[] large = randomBytes(6 * 1024 * 1024 + 3, 13);
        byte[] small = randomBytes(2048, 14);
        java.util.List<String> payloadForms = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (S3Client s3 = S3Client.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context,
                                                   ExecutionAttributes attributes) {
                        if (context.httpRequest().method() == SdkHttpMethod.PUT) {
                            payloadForms.add(context.httpRequest().firstMatchingHeader("x-amz-content-sha256")
                                    .orElse("none"));
                        }
                    }
                }))
                .endpointOverride(gatehouse.endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(clientKey.id(),
                        clientKey.secret())))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            s3.putObject(r -> r.bucket(BUCKET).key("sdk/large.bin"), RequestBody.fromBytes(large));
            s3.putObject(r -> r.bucket(BUCKET).key("sdk/small.bin"), RequestBody.fromBytes(small));

            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("sdk/large.bin"));
            assertThat(got.asByteArray()).isEqualTo(large);
            assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("sdk/small.bin")).asByteArray())
                    .isEqualTo(small);
            assertThat(s3.headObject(r -> r.bucket(BUCKET).key("sdk/large.bin")).contentLength())
                    .isEqualTo(large.length);
        }
        assertThat(payloadForms).as("the SDK sent aws-chunked bodies with checksum trailers")
                .containsExactly("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(directObject("sdk/large.bin")).as("stored decoded upstream").isEqualTo(large);
        assertThat(directObject("sdk/small.bin")).isEqualTo(small);
        assertThat(gatehouse.logText()).contains("PutObject");
    }

    @Test
    @Order(6)
    void aCorruptedChunkSignatureIsRefusedAndTheUpstreamNeverGetsTheWholeBody() throws Exception {
        byte[] data = randomBytes(2_000_000, 12);
        AwsChunkedUpload upload = AwsChunkedUpload.sign(gatehouse.endpoint(), BUCKET, "chunked/corrupt.bin", data,
                clientKey, REGION).withCorruptedChunkSignature(8);

        AwsChunkedUpload.Answer answer = upload.send(Duration.ofSeconds(60));

        assertThat(answer.status()).as("%s", answer).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        // Streamed through (the default, right for AWS S3, which discards an aborted upload): the upstream request
        // was aborted before the chunk with the bad signature. s3rver writes the object file as bytes arrive, so it
        // shows the verified prefix — never the whole body.
        AwsCli.Result head = directToS3rver.run("s3api", "head-object", "--bucket", BUCKET, "--key",
                "chunked/corrupt.bin");
        if (head.ok()) {
            assertThat(contentLength(head)).as("s3rver never got the whole body").isLessThan(data.length);
        }
    }

    @Test
    @Order(7)
    void withVerifyBeforeForwardingACorruptedChunkSignatureLeavesNothingUpstream() throws Exception {
        gatehouse.configure("io.gatehouse.proxy", java.util.Map.of("verify.uploads.before.forwarding", "true"));
        FreePort.sleep(Duration.ofSeconds(3));
        awaitAdapter();
        byte[] data = randomBytes(2_000_000, 15);
        AwsChunkedUpload corrupted = AwsChunkedUpload.sign(gatehouse.endpoint(), BUCKET, "spooled/corrupt.bin",
                data, clientKey, REGION).withCorruptedChunkSignature(8);

        AwsChunkedUpload.Answer refused = corrupted.send(Duration.ofSeconds(60));

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        AwsCli.Result head = directToS3rver.run("s3api", "head-object", "--bucket", BUCKET, "--key",
                "spooled/corrupt.bin");
        assertThat(head.ok()).as("the object must not exist upstream: %s", head).isFalse();
        assertThat(head.stderr()).contains("404");
        try (Stream<Path> stored = Files.walk(workDir)) {
            assertThat(stored.filter(p -> p.toString().contains("s3rver-"))
                    .filter(p -> p.toString().contains("spooled"))).as("no file, not even partial").isEmpty();
        }

        AwsChunkedUpload good = AwsChunkedUpload.sign(gatehouse.endpoint(), BUCKET, "spooled/good.bin", data,
                clientKey, REGION);
        assertThat(good.send(Duration.ofSeconds(60)).status()).isEqualTo(200);
        assertThat(directObject("spooled/good.bin")).isEqualTo(data);
    }

    private static long contentLength(AwsCli.Result head) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ContentLength\": (\\d+)")
                .matcher(head.stdout());
        assertThat(m.find()).as("%s", head).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    @Order(5)
    void theAsyncSdkS3ClientSendsUnsignedChunksWithAChecksumTrailer() throws Exception {
        byte[] data = randomBytes(3 * 1024 * 1024 + 5, 16);
        java.util.List<String> payloadForms = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (S3AsyncClient s3 = S3AsyncClient.builder()
                .endpointOverride(gatehouse.endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(clientKey.id(),
                        clientKey.secret())))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context,
                                                   ExecutionAttributes attributes) {
                        payloadForms.add(context.httpRequest().firstMatchingHeader("x-amz-content-sha256")
                                .orElse("none"));
                    }
                }))
                .build()) {
            s3.putObject(r -> r.bucket(BUCKET).key("sdk/async.bin"), AsyncRequestBody.fromBytes(data)).join();
            byte[] back = s3.getObject(r -> r.bucket(BUCKET).key("sdk/async.bin"),
                    AsyncResponseTransformer.toBytes()).join().asByteArray();
            assertThat(back).isEqualTo(data);
        }
        assertThat(payloadForms).first().isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(directObject("sdk/async.bin")).isEqualTo(data);
    }

    private static void awaitAdapter() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AwsCli.Result last = null;
        while (System.nanoTime() < deadline) {
            last = throughGatehouse.run("s3api", "list-buckets");
            if (last.ok()) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("S3 through Gatehouse never worked: " + last + "\n" + gatehouse.logText());
    }

    private static byte[] directObject(String key) throws IOException {
        Path out = workDir.resolve("direct-" + key.replace('/', '_'));
        AwsCli.Result get = directToS3rver.run("s3api", "get-object", "--bucket", BUCKET, "--key", key,
                out.toString());
        assertThat(get.ok()).as("s3rver has %s: %s", key, get).isTrue();
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(out);
        return bytes;
    }

    /** A file of pseudo-random MiB blocks, each stamped with its index (a reordering changes the hash). */
    static Path generate(String name, long size) throws IOException {
        Path file = workDir.resolve(name);
        byte[] block = randomBytes(1024 * 1024, 42);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long at = 0, index = 0; at < size; at += block.length, index++) {
                ByteBuffer.wrap(block).putLong(0, index);
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - at));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
        return file;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(Path file, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // read on
            }
            return buffer.array();
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI endpoint() {
        return gatehouse.endpoint();
    }
}
