package io.gatehouse.credentials.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.api.credentials.CredentialException;
import io.gatehouse.api.exchange.AwsOperation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The generated session policy allows exactly what the call needs: its action, its resources, nothing else. */
class SessionPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/";

    static List<AwsOperation> operations() {
        return List.of(
                new AwsOperation("dynamodb", "GetItem", "eu-west-1", List.of(TABLE + "orders"), Map.of()),
                new AwsOperation("dynamodb", "BatchGetItem", "eu-west-1",
                        List.of(TABLE + "a", TABLE + "b", TABLE + "b/index/by-date"), Map.of()),
                new AwsOperation("dynamodb", "ListTables", "eu-west-1", List.of(), Map.of()),
                new AwsOperation("sqs", "SendMessage", "eu-west-1",
                        List.of("arn:aws:sqs:eu-west-1:123456789012:jobs.fifo"), Map.of()),
                new AwsOperation("s3", "CopyObject", "eu-west-1",
                        List.of("arn:aws:s3:::src/a \"quoted\" \\ key", "arn:aws:s3:::dst/été/😀"), Map.of()),
                new AwsOperation("secretsmanager", "GetSecretValue", "eu-west-1",
                        List.of("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"), Map.of()));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void policyAllowsExactlyTheOperationsActionAndResources(AwsOperation operation) throws Exception {
        SessionPolicy policy = SessionPolicy.forOperation(operation);

        JsonNode document = JSON.readTree(policy.json());
        assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(document.get("Statement")).hasSize(1);
        JsonNode statement = document.get("Statement").get(0);
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.has("NotAction") || statement.has("NotResource") || statement.has("Condition"))
                .isFalse();
        assertThat(texts(statement.get("Action"))).isEqualTo(expectedActions(operation));
        Set<String> expected = operation.resources().isEmpty() ? Set.of("*") : Set.copyOf(operation.resources());
        assertThat(texts(statement.get("Resource"))).isEqualTo(expected);
        assertThat(policy.compressed()).isFalse();
    }

    /** What the AWS Service Authorization Reference says each call of {@link #operations()} is authorised by. */
    private static Set<String> expectedActions(AwsOperation operation) {
        return switch (operation.iamAction()) {
            case "s3:CopyObject" -> Set.of("s3:GetObject", "s3:PutObject");
            default -> Set.of(operation.iamAction());
        };
    }

    static List<Object[]> renamed() {
        String bucket = "arn:aws:s3:::b";
        String object = "arn:aws:s3:::b/k";
        String queue = "arn:aws:sqs:eu-west-1:123456789012:q";
        return List.of(
                new Object[] {"s3", "ListObjectsV2", bucket, Map.of(), Set.of("s3:ListBucket")},
                new Object[] {"s3", "HeadBucket", bucket, Map.of(), Set.of("s3:ListBucket")},
                new Object[] {"s3", "ListMultipartUploads", bucket, Map.of(), Set.of("s3:ListBucketMultipartUploads")},
                new Object[] {"s3", "HeadObject", object, Map.of(), Set.of("s3:GetObject")},
                new Object[] {"s3", "HeadObject", object, Map.of("versionId", "v1"), Set.of("s3:GetObjectVersion")},
                new Object[] {"s3", "GetObject", object, Map.of("versionId", "v1"), Set.of("s3:GetObjectVersion")},
                new Object[] {"s3", "DeleteObject", object, Map.of("versionId", "v1"),
                        Set.of("s3:DeleteObjectVersion")},
                new Object[] {"s3", "UploadPart", object, Map.of("uploadId", "u"), Set.of("s3:PutObject")},
                new Object[] {"s3", "ListParts", object, Map.of("uploadId", "u"),
                        Set.of("s3:ListMultipartUploadParts")},
                new Object[] {"s3", "PutObject", object, Map.of("x-amz-acl", "private"),
                        Set.of("s3:PutObject", "s3:PutObjectAcl")},
                new Object[] {"s3", "CopyObject", object, Map.of("x-amz-copy-source", "b/src?versionId=v2"),
                        Set.of("s3:GetObjectVersion", "s3:PutObject")},
                new Object[] {"s3", "DeleteObjects", object, Map.of(), Set.of("s3:DeleteObject")},
                new Object[] {"sqs", "SendMessageBatch", queue, Map.of(), Set.of("sqs:SendMessage")},
                new Object[] {"sqs", "DeleteMessageBatch", queue, Map.of(), Set.of("sqs:DeleteMessage")},
                new Object[] {"dynamodb", "TransactGetItems", TABLE + "t", Map.of(), Set.of("dynamodb:GetItem")},
                new Object[] {"lambda", "Invoke", "arn:aws:lambda:eu-west-1:123456789012:function:f", Map.of(),
                        Set.of("lambda:InvokeFunction")},
                new Object[] {"dynamodb", "PutItem", TABLE + "t", Map.of(), Set.of("dynamodb:PutItem")});
    }

    @ParameterizedTest
    @MethodSource("renamed")
    void callsAuthorisedByAnotherIamActionGetThatActionOnly(String service, String action, String resource,
                                                            Map<String, String> parameters, Set<String> expected)
            throws Exception {
        AwsOperation operation = new AwsOperation(service, action, "eu-west-1", List.of(resource), parameters);

        JsonNode statement = JSON.readTree(SessionPolicy.forOperation(operation).json()).get("Statement").get(0);

        assertThat(texts(statement.get("Action"))).isEqualTo(expected);
        assertThat(texts(statement.get("Resource"))).isEqualTo(Set.of(resource));
    }

    @Test
    void iamWildcardCharactersInNamesAreWrittenAsLiterals() throws Exception {
        AwsOperation operation = new AwsOperation("s3", "GetObject", "eu-west-1",
                List.of("arn:aws:s3:::bucket/reports/*/2026?$x"), Map.of());

        SessionPolicy policy = SessionPolicy.forOperation(operation);

        assertThat(texts(JSON.readTree(policy.json()).get("Statement").get(0).get("Resource")))
                .containsExactly("arn:aws:s3:::bucket/reports/${*}/2026${?}${$}x");
    }

    @Test
    void actionsThatAreNotPlainNamesAreRefused() {
        for (String action : List.of("*", "Get*", "GetItem,PutItem", "")) {
            AwsOperation operation = new AwsOperation("dynamodb", action, "eu-west-1", List.of(TABLE + "t"),
                    Map.of());
            assertThatThrownBy(() -> SessionPolicy.forOperation(operation)).isInstanceOf(CredentialException.class)
                    .hasMessageContaining("not a plain IAM action name");
        }
    }

    @Test
    void compressionCoversEveryResourceAndKeepsServiceAccountAndType() throws Exception {
        List<String> keys = IntStream.range(0, 200)
                .mapToObj(i -> "arn:aws:s3:::logs/2026/11/25/host-" + (i % 4) + "/part-" + i + ".gz").toList();
        AwsOperation operation = new AwsOperation("s3", "DeleteObject", "eu-west-1", keys, Map.of());

        SessionPolicy policy = SessionPolicy.forOperation(operation);

        assertThat(policy.compressed()).isTrue();
        assertThat(policy.json().length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        Set<String> patterns = texts(JSON.readTree(policy.json()).get("Statement").get(0).get("Resource"));
        assertThat(patterns).allSatisfy(p -> assertThat(p).startsWith("arn:aws:s3:::logs/2026/11/25/host-"));
        assertThat(keys).allSatisfy(key -> assertThat(patterns).anyMatch(p -> covers(p, key)));
    }

    @Test
    void compressionNeverCutsIntoTheResourceType() {
        List<String> tables = IntStream.range(0, 80).mapToObj(i -> TABLE + "t" + i).toList();
        AwsOperation operation = new AwsOperation("dynamodb", "BatchWriteItem", "eu-west-1", tables, Map.of());

        SessionPolicy policy = SessionPolicy.forOperation(operation, 300);

        assertThat(policy.resources()).containsExactly(TABLE + "t*");
    }

    @Test
    void resourcesOfDifferentTypesOrAccountsAreNeverMergedAndTheCallIsRefused() {
        List<String> mixed = List.of("arn:aws:dynamodb:eu-west-1:111111111111:table/a",
                "arn:aws:dynamodb:eu-west-1:222222222222:table/b", "arn:aws:s3:::bucket-c/key",
                "arn:aws:sqs:eu-west-1:111111111111:queue-d");
        AwsOperation operation = new AwsOperation("dynamodb", "BatchGetItem", "eu-west-1", mixed, Map.of());

        assertThatThrownBy(() -> SessionPolicy.forOperation(operation, 200)).isInstanceOf(CredentialException.class)
                .hasMessageContaining("does not fit").hasMessageContaining("refused");
    }

    @Test
    void oneOverlongResourceIsShortenedToAPrefixWithinItsBucket() {
        String key = "arn:aws:s3:::bucket/" + "k".repeat(2100);
        AwsOperation operation = new AwsOperation("s3", "GetObject", "eu-west-1", List.of(key), Map.of());

        SessionPolicy policy = SessionPolicy.forOperation(operation);

        assertThat(policy.json().length()).isLessThanOrEqualTo(SessionPolicy.MAX_CHARS);
        assertThat(policy.resources()).singleElement().satisfies(pattern -> {
            assertThat(pattern).startsWith("arn:aws:s3:::bucket/kkk").endsWith("*");
            assertThat(covers(pattern, key)).isTrue();
        });
    }

    @Test
    void nonArnResourcesAreNeverWildcarded() {
        List<String> names = IntStream.range(0, 10).mapToObj(i -> "not-an-arn-" + i).toList();
        AwsOperation operation = new AwsOperation("dynamodb", "BatchGetItem", "eu-west-1", names, Map.of());

        assertThatThrownBy(() -> SessionPolicy.forOperation(operation, 150)).isInstanceOf(CredentialException.class);
    }

    private static boolean covers(String pattern, String resource) {
        return pattern.endsWith("*") ? resource.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(resource);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
