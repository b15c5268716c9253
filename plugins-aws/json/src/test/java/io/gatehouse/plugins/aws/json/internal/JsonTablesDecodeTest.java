package io.gatehouse.plugins.aws.json.internal;

import static io.gatehouse.plugins.aws.json.internal.Tables.arn;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request in, (service, action, resources, parameters) out, for every shipped table. */
class JsonTablesDecodeTest {

    private static final String SECRET = arn("secretsmanager", "secret:prod/db-password");
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:210987654321:secret:shared/api-key-AbCdEf";
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY = arn("kms", "key/" + KEY_ID);
    private static final String FN = arn("lambda", "function:my-fn");
    private static final String GROUP = arn("logs", "log-group:/aws/lambda/my-fn");

    record Case(String name, String service, RequestView request, String action, List<String> resources,
                Map<String, String> parameters) {
        @Override
        public String toString() {
            return service + ": " + name;
        }
    }

    private static Case json(String name, String service, String prefix, String action, String body,
                             List<String> resources, Map<String, String> parameters) {
        return new Case(name, service, Tables.target(prefix + action, body), action, resources, parameters);
    }

    private static Case secrets(String name, String action, String body, List<String> resources,
                                Map<String, String> parameters) {
        return json(name, "secretsmanager", "secretsmanager.", action, body, resources, parameters);
    }

    private static Case ssm(String name, String action, String body, List<String> resources,
                            Map<String, String> parameters) {
        return json(name, "ssm", "AmazonSSM.", action, body, resources, parameters);
    }

    private static Case kms(String name, String action, String body, List<String> resources,
                            Map<String, String> parameters) {
        return json(name, "kms", "TrentService.", action, body, resources, parameters);
    }

    private static Case logs(String name, String action, String body, List<String> resources,
                             Map<String, String> parameters) {
        return json(name, "logs", "Logs_20140328.", action, body, resources, parameters);
    }

    private static Case lambda(String name, String request, String body, String action, List<String> resources,
                               Map<String, String> parameters) {
        return lambda(name, request, body, Map.of(), action, resources, parameters);
    }

    private static Case lambda(String name, String request, String body, Map<String, String> headers, String action,
                               List<String> resources, Map<String, String> parameters) {
        return new Case(name, "lambda", Tables.rest(request, body, headers), action, resources, parameters);
    }

    static Stream<Case> secretsManager() {
        return Stream.of(
                secrets("by name", "GetSecretValue", "{'SecretId':'prod/db-password','VersionStage':'AWSCURRENT'}",
                        List.of(SECRET), Map.of("VersionStage", "AWSCURRENT")),
                secrets("by full ARN in another account, as given", "GetSecretValue",
                        "{'SecretId':'" + SECRET_ARN + "'}", List.of(SECRET_ARN), Map.of()),
                secrets("JSON-escaped name is the decoded name", "GetSecretValue",
                        "{'SecretId':'prod\\u002Fdb-password'}", List.of(SECRET), Map.of()),
                secrets("name with every allowed character", "DescribeSecret", "{'SecretId':'a/b_c+d=e.f@g-h'}",
                        List.of(arn("secretsmanager", "secret:a/b_c+d=e.f@g-h")), Map.of()),
                secrets("CreateSecret with a KMS alias", "CreateSecret",
                        "{'Name':'prod/db-password','KmsKeyId':'alias/secrets','SecretString':'x'}",
                        List.of(SECRET, arn("kms", "alias/secrets")), Map.of()),
                secrets("batch by list", "BatchGetSecretValue",
                        "{'SecretIdList':['prod/db-password','" + SECRET_ARN + "','prod/db-password']}",
                        List.of(SECRET, SECRET_ARN), Map.of("ItemCount", "3")),
                secrets("DeleteSecret parameters", "DeleteSecret",
                        "{'SecretId':'prod/db-password','ForceDeleteWithoutRecovery':true}", List.of(SECRET),
                        Map.of("ForceDeleteWithoutRecovery", "true")),
                secrets("ListSecrets is account-level", "ListSecrets", "{'MaxResults':10}", List.of(),
                        Map.of("MaxResults", "10")));
    }

    static Stream<Case> parameterStore() {
        return Stream.of(
                ssm("leading slash dropped", "GetParameter", "{'Name':'/app/db/password','WithDecryption':true}",
                        List.of(arn("ssm", "parameter/app/db/password")), Map.of("WithDecryption", "true")),
                ssm("name without slash", "GetParameter", "{'Name':'plain'}", List.of(arn("ssm", "parameter/plain")),
                        Map.of()),
                ssm("version selector is not part of the ARN", "GetParameter", "{'Name':'/app/db:3'}",
                        List.of(arn("ssm", "parameter/app/db")), Map.of()),
                ssm("label selector", "GetParameter", "{'Name':'app:prod'}", List.of(arn("ssm", "parameter/app")),
                        Map.of()),
                ssm("ARN in place of a name", "GetParameter",
                        "{'Name':'arn:aws:ssm:us-east-1:210987654321:parameter/shared/x'}",
                        List.of("arn:aws:ssm:us-east-1:210987654321:parameter/shared/x"), Map.of()),
                ssm("GetParameters over several names", "GetParameters", "{'Names':['/a','b','/c/d']}",
                        List.of(arn("ssm", "parameter/a"), arn("ssm", "parameter/b"), arn("ssm", "parameter/c/d")),
                        Map.of("ItemCount", "3")),
                ssm("path", "GetParametersByPath", "{'Path':'/app/','Recursive':true}",
                        List.of(arn("ssm", "parameter/app/")), Map.of("Recursive", "true")),
                ssm("the root path", "GetParametersByPath", "{'Path':'/'}", List.of(arn("ssm", "parameter/")),
                        Map.of()),
                ssm("PutParameter with a key", "PutParameter",
                        "{'Name':'/app/x','Value':'v','Type':'SecureString','KeyId':'" + KEY_ID + "','Overwrite':true}",
                        List.of(arn("ssm", "parameter/app/x"), KEY), Map.of("Type", "SecureString", "Overwrite", "true")),
                ssm("DescribeParameters is account-level", "DescribeParameters", "{}", List.of(), Map.of()));
    }

    static Stream<Case> keyManagement() {
        return Stream.of(
                kms("key id", "Encrypt", "{'KeyId':'" + KEY_ID + "','Plaintext':'eA=='}", List.of(KEY), Map.of()),
                kms("multi-Region key id", "DescribeKey", "{'KeyId':'mrk-1234abcd12ab34cd56ef1234567890ab'}",
                        List.of(arn("kms", "key/mrk-1234abcd12ab34cd56ef1234567890ab")), Map.of()),
                kms("alias", "GenerateDataKey", "{'KeyId':'alias/app/data','KeySpec':'AES_256'}",
                        List.of(arn("kms", "alias/app/data")), Map.of("KeySpec", "AES_256")),
                kms("key ARN as given", "Sign",
                        "{'KeyId':'arn:aws:kms:us-east-1:210987654321:key/" + KEY_ID + "','SigningAlgorithm':'ECDSA_SHA_256'}",
                        List.of("arn:aws:kms:us-east-1:210987654321:key/" + KEY_ID),
                        Map.of("SigningAlgorithm", "ECDSA_SHA_256")),
                kms("alias ARN as given", "Encrypt", "{'KeyId':'arn:aws:kms:eu-west-1:123456789012:alias/x'}",
                        List.of(arn("kms", "alias/x")), Map.of()),
                kms("Decrypt without KeyId names no key", "Decrypt", "{'CiphertextBlob':'eA=='}", List.of(), Map.of()),
                kms("ReEncrypt: source and destination", "ReEncrypt",
                        "{'CiphertextBlob':'eA==','SourceKeyId':'alias/old','DestinationKeyId':'" + KEY_ID + "'}",
                        List.of(arn("kms", "alias/old"), KEY), Map.of()),
                kms("CreateAlias: alias and target key", "CreateAlias",
                        "{'AliasName':'alias/new','TargetKeyId':'" + KEY_ID + "'}",
                        List.of(arn("kms", "alias/new"), KEY), Map.of()),
                kms("grant tokens counted", "Encrypt", "{'KeyId':'" + KEY_ID + "','Plaintext':'eA==','GrantTokens':['a','b']}",
                        List.of(KEY), Map.of("GrantTokenCount", "2")),
                kms("ListKeys is account-level", "ListKeys", "{'Limit':5}", List.of(), Map.of("Limit", "5")));
    }

    static Stream<Case> cloudWatchLogs() {
        return Stream.of(
                logs("log group by name", "PutLogEvents",
                        "{'logGroupName':'/aws/lambda/my-fn','logStreamName':'s','logEvents':[{'timestamp':1,'message':'m'}]}",
                        List.of(GROUP), Map.of("logStreamName", "s", "ItemCount", "1")),
                logs("identifier as a name", "GetLogEvents", "{'logGroupIdentifier':'/aws/lambda/my-fn','logStreamName':'s',"
                        + "'limit':10,'startFromHead':true}", List.of(GROUP),
                        Map.of("logStreamName", "s", "limit", "10", "startFromHead", "true")),
                logs("identifier as an ARN with :*", "FilterLogEvents", "{'logGroupIdentifier':'" + GROUP + ":*'}",
                        List.of(GROUP), Map.of()),
                logs("name and identifier agreeing", "DescribeLogStreams",
                        "{'logGroupName':'/aws/lambda/my-fn','logGroupIdentifier':'" + GROUP + "'}", List.of(GROUP),
                        Map.of()),
                logs("StartQuery over several groups", "StartQuery",
                        "{'logGroupNames':['/aws/lambda/my-fn','app'],'queryString':'fields @message','startTime':1,'endTime':2}",
                        List.of(GROUP, arn("logs", "log-group:app")), Map.of()),
                logs("DescribeLogGroups is account-level", "DescribeLogGroups", "{'logGroupNamePrefix':'/aws'}",
                        List.of(), Map.of("logGroupNamePrefix", "/aws")));
    }

    static Stream<Case> lambdaFunctions() {
        return Stream.of(
                lambda("Invoke by name, payload not parsed", "POST /2015-03-31/functions/my-fn/invocations",
                        "[1, 'not an object']", Map.of("X-Amz-Invocation-Type", "Event"), "Invoke", List.of(FN),
                        Map.of("InvocationType", "Event")),
                lambda("Invoke with ?Qualifier", "POST /2015-03-31/functions/my-fn/invocations?Qualifier=PROD", "{}",
                        "Invoke", List.of(FN + ":PROD"), Map.of()),
                lambda("Invoke name:qualifier", "POST /2015-03-31/functions/my-fn:%24LATEST/invocations", "{}",
                        "Invoke", List.of(FN + ":$LATEST"), Map.of()),
                lambda("Invoke by percent-encoded full ARN", "POST /2015-03-31/functions/"
                                + "arn%3Aaws%3Alambda%3Aus-east-1%3A210987654321%3Afunction%3Ashared/invocations", "",
                        "Invoke", List.of("arn:aws:lambda:us-east-1:210987654321:function:shared"), Map.of()),
                lambda("Invoke, name percent-encoded character by character",
                        "POST /2015-03-31/functions/%6D%79-fn/invocations", "", "Invoke", List.of(FN), Map.of()),
                lambda("Invoke by partial ARN", "POST /2015-03-31/functions/210987654321:function:shared:7/invocations",
                        "", "Invoke", List.of("arn:aws:lambda:eu-west-1:210987654321:function:shared:7"), Map.of()),
                lambda("qualifier in the name and in the query agreeing",
                        "GET /2015-03-31/functions/my-fn:PROD?Qualifier=PROD", "", "GetFunction",
                        List.of(FN + ":PROD"), Map.of()),
                lambda("ListFunctions", "GET /2015-03-31/functions/?MaxItems=50", "", "ListFunctions", List.of(),
                        Map.of("MaxItems", "50")),
                lambda("ListFunctions without the trailing slash (AWS SDK for Java v2)", "GET /2015-03-31/functions",
                        "", "ListFunctions", List.of(), Map.of()),
                lambda("CreateFunction names the function in the body", "POST /2015-03-31/functions",
                        "{'FunctionName':'my-fn','Runtime':'java17','Publish':true}", "CreateFunction", List.of(FN),
                        Map.of("Publish", "true")),
                lambda("GetFunctionConfiguration", "GET /2015-03-31/functions/my-fn/configuration", "",
                        "GetFunctionConfiguration", List.of(FN), Map.of()),
                lambda("UpdateFunctionCode", "PUT /2015-03-31/functions/my-fn/code", "{'ZipFile':'eA=='}",
                        "UpdateFunctionCode", List.of(FN), Map.of()),
                lambda("DeleteFunction", "DELETE /2015-03-31/functions/my-fn", "", "DeleteFunction", List.of(FN),
                        Map.of()),
                lambda("GetAlias qualifies by the alias", "GET /2015-03-31/functions/my-fn/aliases/live", "",
                        "GetAlias", List.of(FN + ":live"), Map.of()),
                lambda("RemovePermission", "DELETE /2015-03-31/functions/my-fn/policy/stmt-1", "",
                        "RemovePermission", List.of(FN), Map.of()),
                lambda("PutFunctionConcurrency", "PUT /2017-10-31/functions/my-fn/concurrency",
                        "{'ReservedConcurrentExecutions':5}", "PutFunctionConcurrency", List.of(FN),
                        Map.of("ReservedConcurrentExecutions", "5")),
                lambda("ListTags on an encoded ARN", "GET /2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A"
                        + "123456789012%3Afunction%3Amy-fn", "", "ListTags", List.of(FN), Map.of()),
                lambda("ListEventSourceMappings filtered by function", "GET /2015-03-31/event-source-mappings/"
                        + "?FunctionName=my-fn", "", "ListEventSourceMappings", List.of(FN), Map.of()),
                lambda("GetAccountSettings", "GET /2016-08-19/account-settings/", "", "GetAccountSettings",
                        List.of(), Map.of()));
    }

    @ParameterizedTest
    @MethodSource({"secretsManager", "parameterStore", "keyManagement", "cloudWatchLogs", "lambdaFunctions"})
    void decodes(Case call) throws DecodeException {
        AwsOperation operation = Tables.adapter(call.service()).decode(call.request(), Tables.context(call.service()));

        assertThat(operation.service()).isEqualTo(call.service());
        assertThat(operation.action()).isEqualTo(call.action());
        assertThat(operation.region()).isEqualTo(Tables.REGION);
        assertThat(operation.resources()).containsExactlyElementsOf(call.resources());
        assertThat(operation.parameters()).isEqualTo(call.parameters());
    }

    @Test
    void protocolsFollowTheTables() {
        assertThat(Tables.adapter("secretsmanager").protocol()).isEqualTo(Protocol.AWS_JSON_1_1);
        assertThat(Tables.adapter("lambda").protocol()).isEqualTo(Protocol.REST_JSON);
    }
}
