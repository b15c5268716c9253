package io.gatehouse.plugins.aws.json.internal;

import static io.gatehouse.api.adapter.DecodeException.SERIALIZATION;
import static io.gatehouse.api.adapter.DecodeException.UNKNOWN_OPERATION;
import static io.gatehouse.api.adapter.DecodeException.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the table adapters must refuse, each with the error code the caller sees and a hint of the message. */
class JsonTablesRefusalTest {

    record Refusal(String name, String service, RequestView request, String code, String message) {
        @Override
        public String toString() {
            return service + ": " + name;
        }
    }

    private static Refusal json(String name, String service, String target, String body, String code,
                                String message) {
        return new Refusal(name, service, Tables.target(target, body), code, message);
    }

    private static Refusal rest(String name, String request, String body, String code, String message) {
        return new Refusal(name, "lambda", Tables.rest(request, body, Map.of()), code, message);
    }

    static Stream<Refusal> targets() {
        return Stream.of(
                json("no target", "secretsmanager", null, "{}", UNKNOWN_OPERATION, "no X-Amz-Target"),
                json("another service's prefix", "secretsmanager", "AmazonSSM.GetParameter", "{'Name':'x'}",
                        UNKNOWN_OPERATION, "not a secretsmanager action"),
                json("unknown action", "secretsmanager", "secretsmanager.DropAllSecrets", "{}", UNKNOWN_OPERATION,
                        "Unknown secretsmanager action 'DropAllSecrets'"),
                json("SSM action outside Parameter Store", "ssm", "AmazonSSM.SendCommand", "{}", UNKNOWN_OPERATION,
                        "Unknown ssm action 'SendCommand'"),
                json("action in the wrong case", "kms", "TrentService.encrypt", "{}", UNKNOWN_OPERATION,
                        "'encrypt'"));
    }

    static Stream<Refusal> bodies() {
        return Stream.of(
                json("empty body", "secretsmanager", "secretsmanager.ListSecrets", "", SERIALIZATION,
                        "must be a JSON object"),
                json("malformed JSON", "secretsmanager", "secretsmanager.GetSecretValue", "{'SecretId':'a'",
                        SERIALIZATION, "not valid JSON"),
                json("two documents", "ssm", "AmazonSSM.GetParameter", "{'Name':'a'}{'Name':'b'}", SERIALIZATION,
                        "not valid JSON"),
                json("duplicate SecretId", "secretsmanager", "secretsmanager.GetSecretValue",
                        "{'SecretId':'public','SecretId':'prod/db-password'}", SERIALIZATION, "Duplicate"),
                json("duplicate member deep inside", "kms", "TrentService.Encrypt",
                        "{'KeyId':'alias/a','EncryptionContext':{'k':'1','k':'2'}}", SERIALIZATION, "Duplicate"),
                json("over-deep nesting", "logs", "Logs_20140328.PutLogEvents",
                        "{'logGroupName':'g','x':" + "[".repeat(70) + "]".repeat(70) + "}", SERIALIZATION,
                        "nested deeper"),
                json("name not a string", "ssm", "AmazonSSM.GetParameter", "{'Name':42}", SERIALIZATION,
                        "Name must be a string"),
                json("list element not a string", "ssm", "AmazonSSM.GetParameters", "{'Names':['a',{}]}",
                        SERIALIZATION, "Names[1] must be a string"),
                json("parameter of the wrong type", "ssm", "AmazonSSM.GetParameter",
                        "{'Name':'a','WithDecryption':{'x':1}}", SERIALIZATION, "WithDecryption must be"),
                rest("Lambda body that is not JSON", "PUT /2015-03-31/functions/my-fn/configuration", "{x",
                        SERIALIZATION, "not valid JSON"));
    }

    static Stream<Refusal> resources() {
        return Stream.of(
                json("missing SecretId", "secretsmanager", "secretsmanager.GetSecretValue", "{}", VALIDATION,
                        "SecretId is required"),
                json("secret name with a wildcard", "secretsmanager", "secretsmanager.GetSecretValue",
                        "{'SecretId':'prod/*'}", VALIDATION, "not a valid secret name or ARN"),
                json("secret ARN of another service", "secretsmanager", "secretsmanager.GetSecretValue",
                        "{'SecretId':'arn:aws:ssm:eu-west-1:123456789012:parameter/x'}", VALIDATION,
                        "not a valid secret"),
                json("KMS key that is neither id, alias nor ARN", "kms", "TrentService.Encrypt",
                        "{'KeyId':'my-key'}", VALIDATION, "not a valid key name or ARN"),
                json("AliasName without alias/", "kms", "TrentService.DeleteAlias", "{'AliasName':'x'}",
                        VALIDATION, "not a valid alias"),
                json("log group named twice, differently", "logs", "Logs_20140328.GetLogEvents",
                        "{'logGroupName':'a','logGroupIdentifier':'b','logStreamName':'s'}", VALIDATION,
                        "logGroupName and logGroupIdentifier name different resources"),
                json("log group name with a colon", "logs", "Logs_20140328.CreateLogGroup",
                        "{'logGroupName':'a:b'}", VALIDATION, "not a valid log-group"),
                json("SSM parameter with a space", "ssm", "AmazonSSM.GetParameter", "{'Name':'/a b'}", VALIDATION,
                        "not a valid parameter"),
                rest("function name with an encoded slash", "GET /2015-03-31/functions/my-fn%2Fother", "",
                        VALIDATION, "not a valid function"),
                rest("qualifier in name and query disagreeing", "GET /2015-03-31/functions/my-fn:PROD?Qualifier=DEV",
                        "", VALIDATION, "different qualifiers"),
                rest("qualifier with a wildcard", "POST /2015-03-31/functions/my-fn/invocations?Qualifier=*", "",
                        VALIDATION, "not a valid qualifier"),
                rest("qualifier given twice", "GET /2015-03-31/functions/my-fn?Qualifier=A&Qualifier=B", "",
                        VALIDATION, "given twice"),
                rest("function name with a percent-encoded space", "GET /2015-03-31/functions/my%20fn", "",
                        VALIDATION, "'my fn' is not a valid function"),
                rest("function name with unicode", "GET /2015-03-31/functions/f%C3%BCnf", "", VALIDATION,
                        "not a valid function"),
                rest("function name with a plus (never a space)", "GET /2015-03-31/functions/my+fn", "", VALIDATION,
                        "'my+fn' is not a valid function"),
                json("secret name with unicode", "secretsmanager", "secretsmanager.GetSecretValue",
                        "{'SecretId':'caf\u00e9'}", VALIDATION, "not a valid secret"),
                rest("function name too long", "GET /2015-03-31/functions/" + "f".repeat(65), "", VALIDATION,
                        "not a valid function"));
    }

    static Stream<Refusal> paths() {
        return Stream.of(
                rest("unknown path", "GET /2015-03-31/layers", "", UNKNOWN_OPERATION, "not a known lambda operation"),
                rest("known path, wrong method", "PATCH /2015-03-31/functions/my-fn", "", UNKNOWN_OPERATION,
                        "not a known lambda operation"),
                rest("dot segment", "GET /2015-03-31/functions/../functions/my-fn", "", VALIDATION, "dot segment"),
                rest("encoded dot segment", "POST /2015-03-31/functions/%2E%2E/invocations", "", VALIDATION,
                        "dot segment"),
                rest("single dot", "GET /2015-03-31/./functions/my-fn", "", VALIDATION, "dot segment"),
                rest("malformed percent-encoding", "GET /2015-03-31/functions/my%2", "", VALIDATION,
                        "malformed percent-encoding"),
                rest("percent-encoding that is not UTF-8", "GET /2015-03-31/functions/my%C3", "", VALIDATION,
                        "does not decode to UTF-8"),
                rest("empty function name", "GET /2015-03-31/functions//configuration", "", UNKNOWN_OPERATION,
                        "not a known lambda operation"));
    }

    @ParameterizedTest
    @MethodSource({"targets", "bodies", "resources", "paths"})
    void refuses(Refusal refusal) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> Tables.adapter(refusal.service())
                .decode(refusal.request(), Tables.context(refusal.service())));

        assertThat(e).as(refusal.toString()).isNotNull();
        assertThat(e.errorCode()).as(refusal.toString()).isEqualTo(refusal.code());
        assertThat(e.getMessage()).contains(refusal.message());
    }

    @Test
    void decodesDoubleEncodingOnlyOnce() {
        // %252F is the text %2F after one decoding: never a slash, so never a valid name
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> Tables.adapter("lambda").decode(
                Tables.rest("GET /2015-03-31/functions/a%252Fb", "", Map.of()), Tables.context("lambda")));

        assertThat(e.getMessage()).contains("'a%2Fb'");
    }

    @Test
    void refusesTwoTargets() {
        Headers headers = Headers.builder().add("X-Amz-Target", "secretsmanager.ListSecrets")
                .add("X-Amz-Target", "secretsmanager.DeleteSecret").build();
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> Tables.adapter("secretsmanager")
                .decode(new RequestView("POST", "/", "", headers, Body.of(new byte[] {'{', '}'})),
                        Tables.context("secretsmanager")));

        assertThat(e.errorCode()).isEqualTo(UNKNOWN_OPERATION);
        assertThat(e.getMessage()).contains("2 X-Amz-Target headers");
    }

    @Test
    void echoesAnUnknownMethodPrintableAndBounded() {
        // found by fuzzing: the method was echoed whole, ~1,400 characters of it non-ASCII
        String method = "P\u00d6ST\u0007\u2028".repeat(280);
        RequestView request = new RequestView(method, "/2015-03-31/functions/my-fn/invocations", "",
                Headers.builder().add("Host", "127.0.0.1:7700").build(), Body.of(new byte[0]));

        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> Tables.adapter("lambda").decode(request, Tables.context("lambda")));

        assertThat(e.errorCode()).isEqualTo(UNKNOWN_OPERATION);
        assertThat(e.getMessage()).matches("[\\x20-\\x7e]*").hasSizeLessThan(300)
                .startsWith("P?ST??".repeat(16) + "P?ST...")
                .endsWith(" /2015-03-31/functions/my-fn/invocations is not a known lambda operation");
    }
}
