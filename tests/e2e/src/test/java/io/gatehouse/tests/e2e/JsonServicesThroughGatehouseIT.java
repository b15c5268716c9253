package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;

/**
 * The AWS SDK for Java v2 clients of the table-driven services (Secrets Manager, SSM Parameter Store, KMS,
 * CloudWatch Logs, Lambda) call Gatehouse; no emulator exists for them, so the upstream is the signature-checking
 * {@link SigningUpstream} in front of a {@link CannedJsonServer}. Each call must arrive upstream re-signed with the
 * upstream key for its own service, and the client must get the canned answer; requests the tables refuse never
 * leave Gatehouse.
 */
class JsonServicesThroughGatehouseIT {

    private static final String ACCOUNT = "123456789012";
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Map<String, CannedJsonServer.Answer> ANSWERS = Map.of(
            "secretsmanager.GetSecretValue", CannedJsonServer.Answer.json11("{\"ARN\":\"arn:aws:secretsmanager:"
                    + "us-east-1:" + ACCOUNT + ":secret:app/db-AbCdEf\",\"Name\":\"app/db\",\"SecretString\":"
                    + "\"canned-secret\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}"),
            "AmazonSSM.GetParameter", CannedJsonServer.Answer.json11("{\"Parameter\":{\"Name\":\"/app/db/url\","
                    + "\"Type\":\"String\",\"Value\":\"jdbc:canned\",\"Version\":3,\"ARN\":\"arn:aws:ssm:us-east-1:"
                    + ACCOUNT + ":parameter/app/db/url\"}}"),
            "TrentService.Encrypt", CannedJsonServer.Answer.json11("{\"CiphertextBlob\":\"AQIDBA==\",\"KeyId\":"
                    + "\"arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + KEY_ID + "\",\"EncryptionAlgorithm\":"
                    + "\"SYMMETRIC_DEFAULT\"}"),
            "Logs_20140328.DescribeLogStreams", CannedJsonServer.Answer.json11("{\"logStreams\":[{\"logStreamName\":"
                    + "\"canned-stream\",\"creationTime\":1700000000000}]}"),
            "GET /2015-03-31/functions", CannedJsonServer.Answer.restJson("{\"Functions\":[{\"FunctionName\":"
                    + "\"my-fn\",\"Runtime\":\"java17\"}]}", Map.of()),
            "POST /2015-03-31/functions/my-fn/invocations", CannedJsonServer.Answer.restJson(
                    "{\"canned\":\"result\"}", Map.of("X-Amz-Executed-Version", "7")));

    static GatewayChain<CannedJsonServer> stack;

    @BeforeAll
    static void start() {
        stack = GatewayChain.start(new GatewayChain.Spec<>("json-services", dir -> CannedJsonServer.start(ANSWERS),
                CannedJsonServer::endpoint, List.of("secretsmanager", "ssm", "kms", "logs", "lambda"),
                gatehouse -> { }, JsonServicesThroughGatehouseIT::ready));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void secretsManagerGetSecretValue() {
        try (SecretsManagerClient client = client(SecretsManagerClient.builder())) {
            int before = stack.upstream.count();
            GetSecretValueResponse response = client.getSecretValue(r -> r.secretId("app/db"));

            assertThat(response.secretString()).isEqualTo("canned-secret");
            assertArrivedResigned(before, "secretsmanager", "secretsmanager.GetSecretValue");
        }
    }

    @Test
    void parameterStoreGetParameter() {
        try (SsmClient client = client(SsmClient.builder())) {
            int before = stack.upstream.count();
            GetParameterResponse response = client.getParameter(r -> r.name("/app/db/url").withDecryption(true));

            assertThat(response.parameter().value()).isEqualTo("jdbc:canned");
            assertThat(response.parameter().version()).isEqualTo(3L);
            assertArrivedResigned(before, "ssm", "AmazonSSM.GetParameter");
        }
    }

    @Test
    void kmsEncrypt() {
        try (KmsClient client = client(KmsClient.builder())) {
            int before = stack.upstream.count();
            EncryptResponse response = client.encrypt(r -> r.keyId("alias/app")
                    .plaintext(SdkBytes.fromUtf8String("hello")));

            assertThat(response.ciphertextBlob().asByteArray()).containsExactly(1, 2, 3, 4);
            assertThat(response.keyId()).endsWith(KEY_ID);
            assertArrivedResigned(before, "kms", "TrentService.Encrypt");
        }
    }

    @Test
    void cloudWatchLogsDescribeLogStreams() {
        try (CloudWatchLogsClient client = client(CloudWatchLogsClient.builder())) {
            int before = stack.upstream.count();
            DescribeLogStreamsResponse response = client.describeLogStreams(r -> r.logGroupName("/aws/lambda/my-fn"));

            assertThat(response.logStreams()).singleElement()
                    .satisfies(stream -> assertThat(stream.logStreamName()).isEqualTo("canned-stream"));
            assertArrivedResigned(before, "logs", "Logs_20140328.DescribeLogStreams");
        }
    }

    @Test
    void lambdaListFunctionsAndInvoke() {
        try (LambdaClient client = client(LambdaClient.builder())) {
            int before = stack.upstream.count();
            assertThat(client.listFunctions().functions()).singleElement()
                    .satisfies(function -> assertThat(function.functionName()).isEqualTo("my-fn"));
            assertArrivedResigned(before, "lambda", null);
            assertThat(last().uri()).startsWith("/2015-03-31/functions");

            before = stack.upstream.count();
            InvokeResponse response = client.invoke(r -> r.functionName("my-fn")
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String("{\"in\":1}")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.payload().asString(StandardCharsets.UTF_8)).isEqualTo("{\"canned\":\"result\"}");
            assertThat(response.executedVersion()).isEqualTo("7");
            assertArrivedResigned(before, "lambda", null);
            assertThat(last().uri()).isEqualTo("/2015-03-31/functions/my-fn/invocations");
        }
    }

    @Test
    void refusedCallsNeverLeaveGatehouse() {
        int before = stack.upstream.count();
        try (SecretsManagerClient secrets = client(SecretsManagerClient.builder());
             SsmClient ssm = client(SsmClient.builder())) {
            AwsServiceException wildcard = catchThrowableOfType(AwsServiceException.class,
                    () -> secrets.getSecretValue(r -> r.secretId("prod/*")));
            AwsServiceException unknown = catchThrowableOfType(AwsServiceException.class,
                    () -> ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds("i-1")));

            assertThat(wildcard).as("a secret name with a wildcard").isNotNull();
            assertThat(wildcard.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(unknown).as("an SSM action outside Parameter Store").isNotNull();
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        }
        assertThat(stack.upstream.count()).as("nothing reached the upstream").isEqualTo(before);
    }

    @Test
    void lambdaPathsWithDotSegmentsAreRefusedBeforeUpstream() throws Exception {
        int before = stack.upstream.count();

        HttpResponse<String> dots = signedLambdaCall("/2015-03-31/functions/other-fn/../my-fn/invocations");
        HttpResponse<String> encodedDots = signedLambdaCall("/2015-03-31/functions/%2E%2E/invocations");

        assertThat(dots.statusCode()).as("%s", dots.body()).isEqualTo(400);
        assertThat(dots.body()).contains("ValidationException").contains("dot segment");
        assertThat(encodedDots.statusCode()).as("%s", encodedDots.body()).isEqualTo(400);
        assertThat(encodedDots.body()).contains("dot segment");
        assertThat(stack.upstream.count()).as("nothing reached the upstream").isEqualTo(before);
    }

    /** A Lambda Invoke with a raw path the SDK would never send, signed by the SDK signer as AWS canonicalises. */
    private static HttpResponse<String> signedLambdaCall(String rawPath) throws Exception {
        URI uri = URI.create(stack.gatehouse.endpoint() + rawPath);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(stack.clientKey.identity())
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                        .putHeader("Content-Type", "application/json").build())
                .payload(ContentStreamProvider.fromUtf8String("{}"))
                .putProperty(AwsV4HttpSigner.REGION_NAME, GatewayChain.REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(30));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean ready(GatewayChain<CannedJsonServer> candidate) {
        try (SecretsManagerClient client = client(SecretsManagerClient.builder(), candidate)) {
            return "canned-secret".equals(client.getSecretValue(r -> r.secretId("app/db")).secretString());
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Exactly one new upstream request since {@code before}: verified, upstream key, this service's scope. */
    private static void assertArrivedResigned(int before, String service, String target) {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();
        assertThat(seen).as("upstream requests").hasSize(before + 1);
        SigningUpstream.SeenRequest request = seen.get(before);
        assertThat(request.verified()).as("%s", request).isTrue();
        assertThat(request.accessKeyId()).isEqualTo(stack.upstreamKey.id());
        assertThat(request.header("Authorization")).contains("/" + GatewayChain.REGION + "/" + service
                + "/aws4_request");
        assertThat(request.allHeaderText()).doesNotContain(stack.clientKey.id())
                .doesNotContain(stack.clientKey.secret());
        if (target != null) {
            assertThat(request.header("X-Amz-Target")).isEqualTo(target);
        }
    }

    private static SigningUpstream.SeenRequest last() {
        List<SigningUpstream.SeenRequest> seen = stack.upstream.requests();
        return seen.get(seen.size() - 1);
    }

    private static <C, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C client(B builder) {
        return client(builder, stack);
    }

    private static <C, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C client(B builder,
            GatewayChain<?> target) {
        URI endpoint = target.gatehouse.endpoint();
        return builder.httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(GatewayChain.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(target.clientKey.id(), target.clientKey.secret())))
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }
}
