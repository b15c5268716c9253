package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS through Gatehouse with the AWS SDK for Java v2 {@code StsClient} and the CLI, against {@link StsDouble} behind
 * the signature-checking {@link SigningUpstream}: answers arrive as STS gave them, parameters arrive unchanged, an
 * upstream refusal reaches the client, and a RoleArn that is not a role is refused before the upstream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StsThroughGatehouseIT {

    private static final String REGION = GatewayChain.REGION;

    static GatewayChain<StsDouble> chain;
    static StsClient client;

    @BeforeAll
    static void start() {
        chain = GatewayChain.start(new GatewayChain.Spec<>("sts", workDir -> StsDouble.start(), StsDouble::endpoint,
                List.of("sts"), gatehouse -> { }, StsThroughGatehouseIT::ready));
        client = StsClient.builder().endpointOverride(chain.gatehouse.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(chain.clientKey.id(),
                        chain.clientKey.secret())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        Closing.all(client, chain);
    }

    @Test
    @Order(1)
    void getCallerIdentityWithTheSdk() {
        GetCallerIdentityResponse identity = client.getCallerIdentity();

        assertThat(identity.account()).isEqualTo(StsDouble.ACCOUNT);
        assertThat(identity.arn()).isEqualTo(StsDouble.CALLER_ARN);
        assertThat(identity.userId()).isEqualTo(StsDouble.CALLER_ID);
    }

    @Test
    @Order(2)
    void assumeRoleWithTheSdk() {
        String role = "arn:aws:iam::" + StsDouble.ACCOUNT + ":role/ci/gh-deploy";

        AssumeRoleResponse assumed = client.assumeRole(r -> r.roleArn(role).roleSessionName("gh-e2e@run+1")
                .durationSeconds(900).externalId("ext 1"));

        assertThat(assumed.credentials().accessKeyId()).isEqualTo(StsDouble.accessKeyFor("gh-e2e@run+1"));
        assertThat(assumed.credentials().sessionToken()).isEqualTo("double-token-gh-e2e@run+1");
        assertThat(assumed.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + StsDouble.ACCOUNT + ":assumed-role/gh-deploy/gh-e2e@run+1");
        Map<String, String> received = chain.server.calls().get(chain.server.calls().size() - 1);
        assertThat(received).containsEntry("Action", "AssumeRole").containsEntry("RoleArn", role)
                .containsEntry("RoleSessionName", "gh-e2e@run+1").containsEntry("DurationSeconds", "900")
                .containsEntry("ExternalId", "ext 1");
    }

    @Test
    @Order(3)
    void anUpstreamRefusalReachesTheClient() {
        StsException denied = catchThrowableOfType(StsException.class, () -> client.assumeRole(r -> r
                .roleArn("arn:aws:iam::" + StsDouble.ACCOUNT + ":role/denied-admin").roleSessionName("gh-e2e")));

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    @Order(4)
    void aRoleArnThatIsNotARoleIsRefusedBeforeTheUpstream() {
        int before = chain.upstream.count();

        StsException refused = catchThrowableOfType(StsException.class, () -> client.assumeRole(r -> r
                .roleArn("arn:aws:iam::" + StsDouble.ACCOUNT + ":user/admin").roleSessionName("gh-e2e")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(refused.getMessage()).contains("is not a role ARN");
        assertThat(chain.upstream.count()).as("requests that reached the upstream").isEqualTo(before);
    }

    @Test
    @Order(5)
    void getCallerIdentityWithTheCli() throws IOException {
        AwsCli.Result result = chain.cli()
                .run("sts", "get-caller-identity");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode identity = new ObjectMapper().readTree(result.stdout());
        assertThat(identity.path("Account").asText()).isEqualTo(StsDouble.ACCOUNT);
        assertThat(identity.path("Arn").asText()).isEqualTo(StsDouble.CALLER_ARN);
    }

    @Test
    @Order(6)
    void upstreamSawOnlyVerifiedCallsSignedWithTheUpstreamKey() {
        List<SigningUpstream.SeenRequest> seen = chain.upstream.requests();

        assertThat(seen).isNotEmpty().allSatisfy(request -> {
            assertThat(request.verified()).as("verified: %s", request).isTrue();
            assertThat(request.accessKeyId()).isEqualTo(chain.upstreamKey.id());
            assertThat(request.allHeaderText()).doesNotContain(chain.clientKey.id());
        });
    }

    private static boolean ready(GatewayChain<StsDouble> candidate) {
        return new RawQueryCall(candidate.gatehouse.endpoint(), "sts", "/", "",
                "Action=GetCallerIdentity&Version=2011-06-15").sendSigned(candidate.clientKey, REGION).status() == 200;
    }
}
