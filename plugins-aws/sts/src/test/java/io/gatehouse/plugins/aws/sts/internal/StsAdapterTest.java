package io.gatehouse.plugins.aws.sts.internal;

import io.gatehouse.plugins.aws.support.form.FormDecoder;
import static io.gatehouse.api.adapter.DecodeException.UNKNOWN_OPERATION;
import static io.gatehouse.api.adapter.DecodeException.VALIDATION;
import static io.gatehouse.plugins.aws.support.form.FormDecoder.MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request in, (action, resources, parameters) out, and the requests STS calls must be refused for. */
class StsAdapterTest {

    private static final String ACCOUNT = "123456789012";
    private static final DecodeContext CONTEXT = new DecodeContext("sts", "us-east-1", ACCOUNT, "aws");
    private static final String ROLE = "arn:aws:iam::210987654321:role/deploy";
    private static final String ROLE_ENCODED = "arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fdeploy";
    private static final String PATH_ROLE = "arn:aws:iam::210987654321:role/service-role/team/ci+bot@x";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private final StsAdapter adapter = new StsAdapter();

    record Case(String name, RequestView request, String action, List<String> resources,
                Map<String, String> parameters) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Refusal(String name, RequestView request, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static RequestView post(String body) {
        return post("/", "", body);
    }

    static RequestView post(String path, String query, String body) {
        return new RequestView("POST", path, query, Headers.builder().add("Content-Type", FORM).build(),
                Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static RequestView get(String query) {
        return new RequestView("GET", "/", query, Headers.empty(), Body.empty());
    }

    private static Case post(String name, String body, String action, List<String> resources,
                             Map<String, String> parameters) {
        return new Case(name, post(body + "&Version=2011-06-15"), action, resources, parameters);
    }

    static Stream<Case> calls() {
        return Stream.of(
                post("AssumeRole", "Action=AssumeRole&RoleArn=" + ROLE_ENCODED + "&RoleSessionName=ci-run_1"
                        + "&DurationSeconds=0900&ExternalId=ext+1", "AssumeRole", List.of(ROLE),
                        Map.of("RoleSessionName", "ci-run_1", "DurationSeconds", "900", "ExternalId", "ext 1")),
                post("AssumeRole on a role with a path and session policies", "Action=AssumeRole&RoleArn="
                        + "arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fservice-role%2Fteam%2Fci%2Bbot%40x"
                        + "&RoleSessionName=s1&Policy=%7B%7D&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3A"
                        + "policy%2FReadOnlyAccess&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FX",
                        "AssumeRole", List.of(PATH_ROLE), Map.of("RoleSessionName", "s1", "Policy", "true",
                                "PolicyArnCount", "2")),
                post("AssumeRoleWithWebIdentity never exposes the token", "Action=AssumeRoleWithWebIdentity&RoleArn="
                        + ROLE_ENCODED + "&RoleSessionName=web&WebIdentityToken=eyJhbGciOi.secret.sig"
                        + "&ProviderId=www.amazon.com", "AssumeRoleWithWebIdentity", List.of(ROLE),
                        Map.of("RoleSessionName", "web", "ProviderId", "www.amazon.com")),
                post("AssumeRoleWithSAML", "Action=AssumeRoleWithSAML&RoleArn=" + ROLE_ENCODED + "&PrincipalArn="
                        + "arn%3Aaws%3Aiam%3A%3A210987654321%3Asaml-provider%2FOkta&SAMLAssertion=PHNhbWw%2B",
                        "AssumeRoleWithSAML", List.of(ROLE),
                        Map.of("PrincipalArn", "arn:aws:iam::210987654321:saml-provider/Okta")),
                post("GetCallerIdentity", "Action=GetCallerIdentity", "GetCallerIdentity", List.of(), Map.of()),
                post("GetSessionToken with MFA", "Action=GetSessionToken&DurationSeconds=3600&SerialNumber="
                        + "arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fme&TokenCode=123456", "GetSessionToken",
                        List.of(), Map.of("DurationSeconds", "3600", "SerialNumber",
                                "arn:aws:iam::123456789012:mfa/me")),
                post("GetFederationToken", "Action=GetFederationToken&Name=bob%40example.com&DurationSeconds=900",
                        "GetFederationToken", List.of("arn:aws:sts::" + ACCOUNT + ":federated-user/bob@example.com"),
                        Map.of("Name", "bob@example.com", "DurationSeconds", "900")),
                post("DecodeAuthorizationMessage", "Action=DecodeAuthorizationMessage&EncodedMessage=abc%2Bdef",
                        "DecodeAuthorizationMessage", List.of(), Map.of()),
                post("GetAccessKeyInfo", "Action=GetAccessKeyInfo&AccessKeyId=AKIAIOSFODNN7EXAMPLE",
                        "GetAccessKeyInfo", List.of(), Map.of("AccessKeyId", "AKIAIOSFODNN7EXAMPLE")),
                new Case("GET with Action in the query string", get("Action=GetCallerIdentity&Version=2011-06-15"),
                        "GetCallerIdentity", List.of(), Map.of()),
                new Case("Action in the query string, the rest in the body", post("/", "Action=AssumeRole",
                        "RoleArn=" + ROLE_ENCODED + "&RoleSessionName=s1"), "AssumeRole", List.of(ROLE),
                        Map.of("RoleSessionName", "s1")),
                new Case("the same Action in both", post("/", "Action=GetCallerIdentity",
                        "Action=GetCallerIdentity&Version=2011-06-15"), "GetCallerIdentity", List.of(), Map.of()));
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                new Refusal("unknown action", post("Action=AssumeRoot"), UNKNOWN_OPERATION,
                        "Unknown STS action 'AssumeRoot'"),
                new Refusal("no action", post("RoleArn=" + ROLE_ENCODED), UNKNOWN_OPERATION, "names no action"),
                new Refusal("two different actions", post("/", "Action=GetCallerIdentity",
                        "Action=AssumeRole&RoleArn=" + ROLE_ENCODED), UNKNOWN_OPERATION, "names two actions"),
                new Refusal("X-Amz-Target", new RequestView("POST", "/", "", Headers.builder()
                        .add("X-Amz-Target", "AWSSecurityTokenServiceV20110615.GetCallerIdentity")
                        .add("Content-Type", "application/x-amz-json-1.1").build(), Body.of("{}".getBytes(
                        StandardCharsets.UTF_8))), UNKNOWN_OPERATION, "query protocol only"),
                new Refusal("RoleArn twice", post("Action=AssumeRole&RoleArn=" + ROLE_ENCODED + "&RoleArn="
                        + ROLE_ENCODED.replace("deploy", "admin") + "&RoleSessionName=s"), MALFORMED,
                        "names parameter 'RoleArn' twice"),
                new Refusal("RoleArn and rolearn", post("Action=AssumeRole&RoleArn=" + ROLE_ENCODED + "&rolearn="
                        + ROLE_ENCODED.replace("deploy", "admin") + "&RoleSessionName=s1"), MALFORMED,
                        "differ only in case"),
                new Refusal("rolearn alone", post("Action=AssumeRole&rolearn=" + ROLE_ENCODED + "&RoleSessionName=s1"),
                        VALIDATION, "must be spelled 'RoleArn'"),
                new Refusal("action in lower case", post("action=GetCallerIdentity"), VALIDATION,
                        "must be spelled 'Action'"),
                new Refusal("RoleArn in query string and body", post("/", "RoleArn=" + ROLE_ENCODED,
                        "Action=AssumeRole&RoleArn=" + ROLE_ENCODED + "&RoleSessionName=s"), MALFORMED,
                        "both the query string and the form body"),
                new Refusal("malformed escape", post("Action=AssumeRole&RoleArn=arn%3"), MALFORMED,
                        "two hex digits"),
                new Refusal("invalid UTF-8", post("Action=AssumeRole&RoleSessionName=%FF%FE"), MALFORMED,
                        "not valid UTF-8"),
                new Refusal("another version", post("Action=GetCallerIdentity&Version=2010-01-01"), VALIDATION,
                        "2011-06-15"),
                new Refusal("another path", post("/x", "", "Action=GetCallerIdentity"), VALIDATION, "path '/'"),
                new Refusal("AssumeRole without RoleArn", post("Action=AssumeRole&RoleSessionName=s"), VALIDATION,
                        "RoleArn is required"),
                new Refusal("RoleArn of a user", post("Action=AssumeRole&RoleSessionName=s&RoleArn=arn%3Aaws%3Aiam"
                        + "%3A%3A210987654321%3Auser%2Fbob"), VALIDATION, "is not a role ARN"),
                new Refusal("RoleArn with a wildcard", post("Action=AssumeRole&RoleSessionName=s&RoleArn=arn%3Aaws"
                        + "%3Aiam%3A%3A210987654321%3Arole%2F*"), VALIDATION, "is not a role ARN"),
                new Refusal("RoleArn with a wildcard path", post("Action=AssumeRole&RoleSessionName=s&RoleArn=arn"
                        + "%3Aaws%3Aiam%3A%3A210987654321%3Arole%2F*%2Fadmin"), VALIDATION, "is not a role ARN"),
                new Refusal("RoleArn with a region", post("Action=AssumeRole&RoleSessionName=s&RoleArn=arn%3Aaws"
                        + "%3Aiam%3Aus-east-1%3A210987654321%3Arole%2Fx"), VALIDATION, "is not a role ARN"),
                new Refusal("RoleArn in another partition", post("Action=AssumeRole&RoleSessionName=s&RoleArn="
                        + "arn%3Aaws-cn%3Aiam%3A%3A210987654321%3Arole%2Fx"), VALIDATION, "partition aws-cn"),
                new Refusal("SAML without a provider ARN", post("Action=AssumeRoleWithSAML&RoleArn=" + ROLE_ENCODED
                        + "&PrincipalArn=okta"), VALIDATION, "is not a SAML provider ARN"),
                new Refusal("invalid session name", post("Action=AssumeRole&RoleArn=" + ROLE_ENCODED
                        + "&RoleSessionName=a+b"), VALIDATION, "RoleSessionName 'a b' is not valid"),
                new Refusal("duration not a number", post("Action=GetSessionToken&DurationSeconds=-1"), VALIDATION,
                        "whole number"),
                new Refusal("federated user with a slash", post("Action=GetFederationToken&Name=a%2Fb"),
                        VALIDATION, "not a valid federated user name"),
                new Refusal("federation without a name", post("Action=GetFederationToken"), VALIDATION,
                        "Name is required"),
                new Refusal("GET with a body", new RequestView("GET", "/", "", Headers.builder()
                        .add("Content-Type", FORM).build(), Body.of("Action=GetCallerIdentity".getBytes(
                        StandardCharsets.UTF_8))), MALFORMED, "must not have a body"),
                new Refusal("JSON body", new RequestView("POST", "/", "", Headers.builder()
                        .add("Content-Type", "application/json").build(), Body.of("{}".getBytes(
                        StandardCharsets.UTF_8))), MALFORMED, "application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void decodes(Case c) throws DecodeException {
        AwsOperation operation = adapter.decode(c.request(), CONTEXT);

        assertThat(operation.iamAction()).isEqualTo("sts:" + c.action());
        assertThat(operation.region()).isEqualTo("us-east-1");
        assertThat(operation.resources()).containsExactlyElementsOf(c.resources());
        assertThat(operation.parameters()).isEqualTo(c.parameters());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(Refusal r) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> adapter.decode(r.request(), CONTEXT));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.errorCode()).isEqualTo(r.code());
        assertThat(e.getMessage()).contains(r.message());
    }

    @Test
    void speaksTheQueryProtocol() {
        assertThat(adapter.protocol()).isEqualTo(Protocol.QUERY);
        assertThat(adapter.protocol(get("Action=GetCallerIdentity"))).isEqualTo(Protocol.QUERY);
    }

    @Test
    void neverExposesTokensOrAssertions() throws DecodeException {
        AwsOperation operation = adapter.decode(post("Action=AssumeRoleWithWebIdentity&RoleArn=" + ROLE_ENCODED
                + "&RoleSessionName=web&WebIdentityToken=TOKEN-VALUE"), CONTEXT);

        assertThat(operation.parameters().values()).noneMatch(v -> v.contains("TOKEN-VALUE"));
    }
}
