package io.gatehouse.plugins.aws.s3.internal;

import static io.gatehouse.plugins.aws.s3.internal.Calls.GATEWAY;
import static io.gatehouse.plugins.aws.s3.internal.Calls.arn;
import static io.gatehouse.plugins.aws.s3.internal.Calls.header;
import static io.gatehouse.plugins.aws.s3.internal.Calls.path;
import static io.gatehouse.plugins.aws.s3.internal.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request in, (action, resources, parameters) out. */
class S3AdapterDecodeTest {

    private static final String PHOTOS = arn("photos");
    private static final String CAT = arn("photos/cat.jpg");

    private final S3Adapter adapter = new S3Adapter();

    record Case(String name, RequestView request, String action, List<String> resources,
                Map<String, String> parameters) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(String name, RequestView request, String action, List<String> resources) {
        return new Case(name, request, action, resources, Map.of());
    }

    private static Case of(String name, RequestView request, String action, List<String> resources,
                           Map<String, String> parameters) {
        return new Case(name, request, action, resources, parameters);
    }

    static Stream<Case> buckets() {
        return Stream.of(
                of("ListBuckets", path("GET", "/", ""), "ListBuckets", List.of()),
                of("ListBuckets with max-buckets", path("GET", "/", "max-buckets=5"), "ListBuckets", List.of()),
                of("CreateBucket", path("PUT", "/photos", ""), "CreateBucket", List.of(PHOTOS)),
                of("CreateBucket with an ACL", request("PUT", GATEWAY, "/photos", "", header("x-amz-acl", "private"),
                        ""), "CreateBucket", List.of(PHOTOS), Map.of("x-amz-acl", "private")),
                of("DeleteBucket, trailing slash", path("DELETE", "/photos/", ""), "DeleteBucket", List.of(PHOTOS)),
                of("HeadBucket", path("HEAD", "/photos", ""), "HeadBucket", List.of(PHOTOS)),
                of("ListObjects", path("GET", "/photos", "prefix=2024%2F&delimiter=%2F&max-keys=10"), "ListObjects",
                        List.of(PHOTOS), Map.of("prefix", "2024/", "delimiter", "/", "max-keys", "10")),
                of("ListObjectsV2 as the CLI sends it", path("GET", "/photos", "list-type=2&prefix=&delimiter=%2F"
                        + "&encoding-type=url"), "ListObjectsV2", List.of(PHOTOS), Map.of("prefix", "", "delimiter",
                        "/")),
                of("ListObjectsV2 with x-id", path("GET", "/photos", "list-type=2&x-id=ListObjectsV2"),
                        "ListObjectsV2", List.of(PHOTOS)),
                of("ListObjects prefix with a space (+ in a query)", path("GET", "/photos", "prefix=my+dir"),
                        "ListObjects", List.of(PHOTOS), Map.of("prefix", "my dir")),
                of("ListMultipartUploads", path("GET", "/photos", "uploads&max-uploads=3"), "ListMultipartUploads",
                        List.of(PHOTOS), Map.of("max-uploads", "3")),
                of("GetBucketAcl", path("GET", "/photos", "acl"), "GetBucketAcl", List.of(PHOTOS)),
                of("PutBucketAcl", path("PUT", "/photos", "acl="), "PutBucketAcl", List.of(PHOTOS)),
                of("GetBucketPolicy", path("GET", "/photos", "policy"), "GetBucketPolicy", List.of(PHOTOS)),
                of("PutBucketPolicy", path("PUT", "/photos", "policy"), "PutBucketPolicy", List.of(PHOTOS)),
                of("DeleteBucketPolicy", path("DELETE", "/photos", "policy"), "DeleteBucketPolicy", List.of(PHOTOS)),
                of("GetBucketLocation", path("GET", "/photos", "location"), "GetBucketLocation", List.of(PHOTOS)),
                of("GetBucketVersioning", path("GET", "/photos", "versioning"), "GetBucketVersioning",
                        List.of(PHOTOS)),
                of("PutBucketVersioning", path("PUT", "/photos", "versioning"), "PutBucketVersioning",
                        List.of(PHOTOS)),
                of("GetBucketTagging", path("GET", "/photos", "tagging"), "GetBucketTagging", List.of(PHOTOS)),
                of("bucket with dots and digits", path("GET", "/my.photos-2024", ""), "ListObjects",
                        List.of(arn("my.photos-2024"))));
    }

    static Stream<Case> objects() {
        return Stream.of(
                of("GetObject", path("GET", "/photos/cat.jpg", ""), "GetObject", List.of(CAT)),
                of("GetObject of a version", path("GET", "/photos/cat.jpg", "versionId=3HL4kqtJlcpXroDTDmJ%2Bp"),
                        "GetObject", List.of(CAT), Map.of("versionId", "3HL4kqtJlcpXroDTDmJ+p")),
                of("GetObject with response overrides", path("GET", "/photos/cat.jpg",
                        "response-content-type=text%2Fplain"), "GetObject", List.of(CAT)),
                of("GetObject of a part", path("GET", "/photos/cat.jpg", "partNumber=2"), "GetObject", List.of(CAT),
                        Map.of("partNumber", "2")),
                of("HeadObject", path("HEAD", "/photos/cat.jpg", ""), "HeadObject", List.of(CAT)),
                of("PutObject with x-id", request("PUT", GATEWAY, "/photos/cat.jpg", "x-id=PutObject",
                        header("x-amz-storage-class", "STANDARD_IA"), "meow"), "PutObject", List.of(CAT),
                        Map.of("x-amz-storage-class", "STANDARD_IA")),
                of("DeleteObject", path("DELETE", "/photos/cat.jpg", ""), "DeleteObject", List.of(CAT)),
                of("%2F is a slash inside the key", path("GET", "/photos/a%2Fb/c", ""), "GetObject",
                        List.of(arn("photos/a/b/c"))),
                of("+ in a path is a literal plus", path("GET", "/photos/a+b", ""), "GetObject",
                        List.of(arn("photos/a+b"))),
                of("%2B is a plus too", path("GET", "/photos/a%2Bb", ""), "GetObject", List.of(arn("photos/a+b"))),
                of("%20 is a space", path("GET", "/photos/my%20cat.jpg", ""), "GetObject",
                        List.of(arn("photos/my cat.jpg"))),
                of("unicode, UTF-8 percent-encoded", path("GET", "/photos/%C3%A9t%C3%A9/%E2%9C%93.txt", ""),
                        "GetObject", List.of(arn("photos/été/✓.txt"))),
                of("dot segments are part of the key", path("GET", "/photos/a/../b/./c", ""), "GetObject",
                        List.of(arn("photos/a/../b/./c"))),
                of("encoded dot segments too", path("GET", "/photos/%2E%2E/secret", ""), "GetObject",
                        List.of(arn("photos/../secret"))),
                of("a key that is only '..'", path("GET", "/photos/..", ""), "GetObject", List.of(arn("photos/.."))),
                of("empty segments are kept", path("PUT", "/photos//a//", ""), "PutObject",
                        List.of(arn("photos//a//"))),
                of("a 'folder' key ending in a slash", path("PUT", "/photos/dir/", ""), "PutObject",
                        List.of(arn("photos/dir/"))),
                of("%25 is a literal percent", path("GET", "/photos/100%25.txt", ""), "GetObject",
                        List.of(arn("photos/100%.txt"))),
                of("decoded once only", path("GET", "/photos/a%252F", ""), "GetObject", List.of(arn("photos/a%2F"))),
                of("GetObjectTagging", path("GET", "/photos/cat.jpg", "tagging"), "GetObjectTagging", List.of(CAT)),
                of("PutObjectTagging", path("PUT", "/photos/cat.jpg", "tagging"), "PutObjectTagging", List.of(CAT)),
                of("DeleteObjectTagging", path("DELETE", "/photos/cat.jpg", "tagging"), "DeleteObjectTagging",
                        List.of(CAT)),
                of("GetObjectAcl", path("GET", "/photos/cat.jpg", "acl"), "GetObjectAcl", List.of(CAT)),
                of("PutObjectAcl", request("PUT", GATEWAY, "/photos/cat.jpg", "acl", header("x-amz-acl",
                        "public-read"), ""), "PutObjectAcl", List.of(CAT), Map.of("x-amz-acl", "public-read")));
    }

    static Stream<Case> multipartAndCopy() {
        return Stream.of(
                of("CreateMultipartUpload", path("POST", "/photos/big.bin", "uploads"), "CreateMultipartUpload",
                        List.of(arn("photos/big.bin"))),
                of("UploadPart", path("PUT", "/photos/big.bin", "partNumber=3&uploadId=abc"), "UploadPart",
                        List.of(arn("photos/big.bin")), Map.of("partNumber", "3", "uploadId", "abc")),
                of("UploadPart, uploadId first", path("PUT", "/photos/big.bin", "uploadId=abc&partNumber=1"),
                        "UploadPart", List.of(arn("photos/big.bin")), Map.of("partNumber", "1", "uploadId", "abc")),
                of("CompleteMultipartUpload", path("POST", "/photos/big.bin", "uploadId=abc"),
                        "CompleteMultipartUpload", List.of(arn("photos/big.bin")), Map.of("uploadId", "abc")),
                of("AbortMultipartUpload", path("DELETE", "/photos/big.bin", "uploadId=abc"), "AbortMultipartUpload",
                        List.of(arn("photos/big.bin")), Map.of("uploadId", "abc")),
                of("ListParts", path("GET", "/photos/big.bin", "uploadId=abc&max-parts=10"), "ListParts",
                        List.of(arn("photos/big.bin")), Map.of("uploadId", "abc", "max-parts", "10")),
                of("CopyObject", request("PUT", GATEWAY, "/photos/copy.jpg", "", header("x-amz-copy-source",
                        "photos/cat.jpg"), ""), "CopyObject", List.of(arn("photos/copy.jpg"), CAT),
                        Map.of("x-amz-copy-source", "photos/cat.jpg")),
                of("CopyObject from another bucket, leading slash, encoded source with a version",
                        request("PUT", GATEWAY, "/photos/copy.jpg", "", Headers.builder()
                                .add("x-amz-copy-source", "/archive/2024%2Fmy%20cat%2B%C3%A9.jpg?versionId=v%2B1")
                                .add("x-amz-metadata-directive", "REPLACE").build(), ""),
                        "CopyObject", List.of(arn("photos/copy.jpg"), arn("archive/2024/my cat+é.jpg")),
                        Map.of("x-amz-copy-source", "/archive/2024%2Fmy%20cat%2B%C3%A9.jpg?versionId=v%2B1",
                                "x-amz-copy-source-version-id", "v+1", "x-amz-metadata-directive", "REPLACE")),
                of("CopyObject onto itself names the object once", request("PUT", GATEWAY, "/photos/cat.jpg", "",
                        header("x-amz-copy-source", "photos/cat.jpg"), ""), "CopyObject", List.of(CAT),
                        Map.of("x-amz-copy-source", "photos/cat.jpg")),
                of("CopyObject source with %3F in the key", request("PUT", GATEWAY, "/photos/q", "",
                        header("x-amz-copy-source", "photos/what%3F.txt"), ""), "CopyObject",
                        List.of(arn("photos/q"), arn("photos/what?.txt")),
                        Map.of("x-amz-copy-source", "photos/what%3F.txt")),
                of("UploadPartCopy", request("PUT", GATEWAY, "/photos/big.bin", "partNumber=1&uploadId=abc",
                        header("x-amz-copy-source", "photos/cat.jpg"), ""), "UploadPartCopy",
                        List.of(arn("photos/big.bin"), CAT), Map.of("partNumber", "1", "uploadId", "abc",
                                "x-amz-copy-source", "photos/cat.jpg")));
    }

    static Stream<Case> deleteObjects() {
        return Stream.of(
                of("DeleteObjects with three keys", request("POST", GATEWAY, "/photos", "delete", Headers.empty(),
                        Calls.deleteBody("a.txt", "dir/b.txt", "c d+e.txt")), "DeleteObjects",
                        List.of(arn("photos/a.txt"), arn("photos/dir/b.txt"), arn("photos/c d+e.txt")),
                        Map.of("ItemCount", "3")),
                of("DeleteObjects keys are XML text, not percent-encoded", request("POST", GATEWAY, "/photos",
                        "delete", Headers.empty(), Calls.deleteBody("a%2Fb", "x&amp;y", "&#233;t&#xE9;", "../up")),
                        "DeleteObjects", List.of(arn("photos/a%2Fb"), arn("photos/x&y"), arn("photos/été"),
                                arn("photos/../up")), Map.of("ItemCount", "4")),
                of("DeleteObjects with versions and a duplicate key", request("POST", GATEWAY, "/photos", "delete",
                        Headers.empty(), "<Delete><Object><Key>a</Key><VersionId>1</VersionId></Object>"
                                + "<Object><VersionId>2</VersionId><Key>a</Key></Object><Quiet>true</Quiet></Delete>"),
                        "DeleteObjects", List.of(arn("photos/a")), Map.of("ItemCount", "2")),
                of("DeleteObjects with CDATA", request("POST", GATEWAY, "/photos", "delete", Headers.empty(),
                        "<Delete><Object><Key><![CDATA[<odd>&key]]></Key></Object></Delete>"), "DeleteObjects",
                        List.of(arn("photos/<odd>&key")), Map.of("ItemCount", "1")));
    }

    static Stream<Case> hosts() {
        return Stream.of(
                of("regional service endpoint is path style", request("GET", "s3.eu-west-1.amazonaws.com",
                        "/photos/cat.jpg", "", Headers.empty(), ""), "GetObject", List.of(CAT)),
                of("global service endpoint is path style", request("GET", "s3.amazonaws.com", "/", "",
                        Headers.empty(), ""), "ListBuckets", List.of()),
                of("dualstack service endpoint is path style", request("GET", "s3.dualstack.eu-west-1.amazonaws.com",
                        "/photos", "", Headers.empty(), ""), "ListObjects", List.of(PHOTOS)),
                of("an arbitrary host is path style", request("GET", "photos.example.com", "/photos/cat.jpg", "",
                        Headers.empty(), ""), "GetObject", List.of(CAT)),
                of("localhost with a bucket-like name is path style", request("GET", "photos.localhost:7700",
                        "/photos/cat.jpg", "", Headers.empty(), ""), "GetObject", List.of(CAT)),
                of("a lookalike suffix is path style", request("GET", "photos.s3.amazonaws.com.evil.test",
                        "/photos/cat.jpg", "", Headers.empty(), ""), "GetObject", List.of(CAT)),
                of("a lookalike prefix is path style", request("GET", "photos.s3.amazonaws.community",
                        "/photos/cat.jpg", "", Headers.empty(), ""), "GetObject", List.of(CAT)),
                of("no Host header is path style", new RequestView("GET", "/photos/cat.jpg", "", Headers.empty(),
                        io.gatehouse.api.exchange.Body.empty()), "GetObject", List.of(CAT)));
    }

    record Hosted(String name, String host, String rawPath, String bucket, String key) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hosted> virtualHosted() {
        return Stream.of(
                new Hosted("regional", "photos.s3.eu-west-1.amazonaws.com", "/cat.jpg", "photos", "cat.jpg"),
                new Hosted("global with a port", "photos.s3.amazonaws.com:443", "/cat.jpg", "photos", "cat.jpg"),
                new Hosted("upper case host, trailing dot", "PHOTOS.S3.AMAZONAWS.COM.", "/a", "photos", "a"),
                new Hosted("legacy dash-region", "photos.s3-eu-west-1.amazonaws.com", "/", "photos", ""),
                new Hosted("dualstack", "photos.s3.dualstack.eu-west-1.amazonaws.com", "/a%2Fb", "photos", "a/b"),
                new Hosted("bucket with dots", "my.photos.s3.us-east-1.amazonaws.com", "/", "my.photos", ""),
                new Hosted("the whole path is the key", "photos.s3.amazonaws.com", "/other/cat.jpg", "photos",
                        "other/cat.jpg"),
                new Hosted("dot segments stay in the key", "photos.s3.amazonaws.com", "/../x/./y", "photos",
                        "../x/./y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("virtualHosted")
    void addressesVirtualHostedStyle(Hosted call) throws DecodeException {
        S3Address address = S3Address.of(java.util.Optional.of(call.host()), call.rawPath());

        assertThat(address.bucket()).isEqualTo(call.bucket());
        assertThat(address.key()).isEqualTo(call.key());
        assertThat(address.virtualHosted()).isTrue();
        assertThat(address.rawKey()).isEqualTo(call.rawPath().substring(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"buckets", "objects", "multipartAndCopy", "deleteObjects", "hosts"})
    void decodes(Case call) throws DecodeException {
        AwsOperation operation = adapter.decode(call.request(), Calls.CONTEXT);

        assertThat(operation.service()).isEqualTo("s3");
        assertThat(operation.region()).isEqualTo("eu-west-1");
        assertThat(operation.action()).isEqualTo(call.action());
        assertThat(operation.resources()).containsExactlyElementsOf(call.resources());
        assertThat(operation.parameters()).isEqualTo(call.parameters());
    }

    @Test
    void speaksRestXml() {
        assertThat(adapter.protocol()).isEqualTo(Protocol.REST_XML);
        assertThat(adapter.protocol(path("GET", "/", ""))).isEqualTo(Protocol.REST_XML);
    }

    @Test
    void usesThePartitionOfTheCall() throws DecodeException {
        AwsOperation operation = adapter.decode(path("GET", "/photos/cat.jpg", ""),
                new io.gatehouse.api.adapter.DecodeContext("s3", "cn-north-1", "1", "aws-cn"));

        assertThat(operation.resources()).containsExactly("arn:aws-cn:s3:::photos/cat.jpg");
    }
}
