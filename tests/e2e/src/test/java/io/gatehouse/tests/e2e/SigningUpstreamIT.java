package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness checks itself, without Gatehouse: the upstream double must accept what the real CLI
 * and the SDK signer sign with the upstream key, and refuse anything else before dynalite sees it.
 * If this fails, the gateway tests prove nothing.
 */
class SigningUpstreamIT {

    @TempDir
    static Path workDir;

    static final AccessKey UPSTREAM_KEY = AccessKey.random("AKIAUPSTRM");
    static Dynalite dynalite;
    static SigningUpstream upstream;

    @BeforeAll
    static void start() {
        dynalite = Dynalite.start(workDir);
        upstream = SigningUpstream.start(dynalite.endpoint(), UPSTREAM_KEY);
    }

    @AfterAll
    static void stop() {
        Closing.all(upstream, dynalite);
    }

    @Test
    void cliSignedWithTheUpstreamKeyReachesDynalite() {
        AwsCli cli = AwsCli.create(workDir, upstream.endpoint(), UPSTREAM_KEY, GatewayStack.REGION);
        int before = upstream.count();

        AwsCli.Result created = cli.run("dynamodb", "create-table", "--table-name", "harness",
                "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
        AwsCli.Result put = cli.run("dynamodb", "put-item", "--table-name", "harness",
                "--item", "{\"pk\":{\"S\":\"a b/c+d=é\"},\"n\":{\"N\":\"1\"}}");
        AwsCli.Result listed = cli.run("dynamodb", "list-tables");

        assertThat(created.ok()).as("%s", created).isTrue();
        assertThat(put.ok()).as("%s", put).isTrue();
        assertThat(listed.stdout()).contains("\"harness\"");
        assertThat(upstream.requests().subList(before, upstream.count()))
                .hasSize(3).allSatisfy(seen -> {
                    assertThat(seen.verified()).as("%s", seen).isTrue();
                    assertThat(seen.accessKeyId()).isEqualTo(UPSTREAM_KEY.id());
                });
    }

    @Test
    void sdkSignedRequestVerifies() {
        RawDynamoDbCall.Response response = new RawDynamoDbCall(upstream.endpoint(), "ListTables", "{}")
                .sendSigned(UPSTREAM_KEY, "eu-west-1", Instant.now());

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(last().verified()).isTrue();
    }

    @Test
    void wrongSecretIsRefusedBeforeDynalite() {
        AwsCli cli = AwsCli.create(workDir, upstream.endpoint(), UPSTREAM_KEY.withWrongSecret(), GatewayStack.REGION);

        AwsCli.Result result = cli.run("dynamodb", "create-table", "--table-name", "mustnotexist",
                "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");

        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("InvalidSignatureException");
        assertThat(last().verified()).isFalse();
        assertThat(directTables()).doesNotContain("mustnotexist");
    }

    @Test
    void otherKeyIsRefused() {
        AwsCli cli = AwsCli.create(workDir, upstream.endpoint(), AccessKey.random("AKIAOTHER"), GatewayStack.REGION);

        AwsCli.Result result = cli.run("dynamodb", "list-tables");

        assertThat(result.ok()).isFalse();
        assertThat(result.stderr()).contains("UnrecognizedClientException");
    }

    @Test
    void tamperedBodyIsRefused() {
        RawDynamoDbCall signed = new RawDynamoDbCall(upstream.endpoint(), "ListTables", "{}");
        RawDynamoDbCall tampered = new RawDynamoDbCall(upstream.endpoint(), "ListTables", "{\"Limit\":1}");
        var headers = signed.signedHeaders(UPSTREAM_KEY, GatewayStack.REGION, Instant.now());

        RawDynamoDbCall.Response response = tampered.sendWithHeaders(headers);

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.body()).contains("InvalidSignatureException");
    }

    private SigningUpstream.SeenRequest last() {
        return upstream.requests().get(upstream.count() - 1);
    }

    private String directTables() {
        return new RawDynamoDbCall(dynalite.endpoint(), "ListTables", "{}")
                .sendSigned(UPSTREAM_KEY, GatewayStack.REGION, Instant.now()).body();
    }
}
