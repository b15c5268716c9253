package io.gatehouse.plugins.aws.s3.internal;

import static io.gatehouse.api.adapter.DecodeException.UNKNOWN_OPERATION;
import static io.gatehouse.plugins.aws.s3.internal.Calls.GATEWAY;
import static io.gatehouse.plugins.aws.s3.internal.Calls.header;
import static io.gatehouse.plugins.aws.s3.internal.Calls.path;
import static io.gatehouse.plugins.aws.s3.internal.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the adapter must refuse, each with the error code the caller sees and a hint of the message. */
class S3AdapterRefusalTest {

    private static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY x SYSTEM"
            + " \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>";
    private static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY a \"aaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><Delete><Object><Key>&b;</Key></Object></Delete>";

    private final S3Adapter adapter = new S3Adapter();

    record Refusal(String name, RequestView request, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Refusal of(String name, RequestView request, String code, String message) {
        return new Refusal(name, request, code, message);
    }

    private static Refusal delete(String name, String body, String message) {
        return of(name, request("POST", GATEWAY, "/photos", "delete", Headers.empty(), body), "MalformedXML",
                message);
    }

    static Stream<Refusal> routing() {
        return Stream.of(
                of("unknown subresource", path("GET", "/photos", "cors"), UNKNOWN_OPERATION, "'cors'"),
                of("unknown parameter", path("GET", "/photos/cat.jpg", "torrent"), UNKNOWN_OPERATION, "'torrent'"),
                of("presigned URL parameter", path("GET", "/photos/cat.jpg", "X-Amz-Expires=60"), UNKNOWN_OPERATION,
                        "X-Amz-Expires"),
                of("two subresources selecting different actions", path("GET", "/photos/cat.jpg", "acl&tagging"),
                        UNKNOWN_OPERATION, "[acl, tagging]"),
                of("uploads and uploadId", path("POST", "/photos/big", "uploads&uploadId=a"), UNKNOWN_OPERATION,
                        "[uploads, uploadId]"),
                of("delete and acl on a bucket", path("POST", "/photos", "delete&acl"), UNKNOWN_OPERATION,
                        "[delete, acl]"),
                of("a parameter twice", path("GET", "/photos", "prefix=a&prefix=b"), "InvalidURI", "twice"),
                of("list-type other than 2", path("GET", "/photos", "list-type=3"), UNKNOWN_OPERATION, "list-type"),
                of("list-type on an object", path("GET", "/photos/a", "list-type=2"), UNKNOWN_OPERATION, "list-type"),
                of("x-id naming another action", path("GET", "/photos/a", "x-id=DeleteObject"), UNKNOWN_OPERATION,
                        "x-id"),
                of("UploadPart without partNumber", path("PUT", "/photos/a", "uploadId=u"), "InvalidArgument",
                        "partNumber"),
                of("partNumber on a POST", path("POST", "/photos/a", "uploadId=u&partNumber=1"), UNKNOWN_OPERATION,
                        "partNumber"),
                of("partNumber without uploadId on a PUT", path("PUT", "/photos/a", "partNumber=1"),
                        UNKNOWN_OPERATION, "partNumber"),
                of("POST to an object without a subresource", path("POST", "/photos/a", ""), UNKNOWN_OPERATION,
                        "POST"),
                of("POST ?delete on an object", path("POST", "/photos/a", "delete"), UNKNOWN_OPERATION, "?delete"),
                of("PUT on the root", path("PUT", "/", ""), UNKNOWN_OPERATION, "service root"),
                of("ListBuckets with a subresource", path("GET", "/", "acl"), UNKNOWN_OPERATION, "service root"),
                of("PATCH", path("PATCH", "/photos/a", ""), UNKNOWN_OPERATION, "PATCH"),
                of("copy source on a GET", request("GET", GATEWAY, "/photos/a", "", header("x-amz-copy-source",
                        "photos/b"), ""), UNKNOWN_OPERATION, "x-amz-copy-source"),
                of("copy source with ?acl", request("PUT", GATEWAY, "/photos/a", "acl", header("x-amz-copy-source",
                        "photos/b"), ""), UNKNOWN_OPERATION, "x-amz-copy-source"));
    }

    static Stream<Refusal> names() {
        return Stream.of(
                of("upper case bucket", path("GET", "/Photos", ""), "InvalidBucketName", "not a valid"),
                of("underscore in a bucket", path("GET", "/my_photos", ""), "InvalidBucketName", "not a valid"),
                of("too short", path("GET", "/ab", ""), "InvalidBucketName", "not a valid"),
                of("too long", path("GET", "/" + "a".repeat(64), ""), "InvalidBucketName", "not a valid"),
                of("IP-shaped", path("GET", "/192.168.1.1", ""), "InvalidBucketName", "not a valid"),
                of("double dot", path("GET", "/a..b", ""), "InvalidBucketName", "not a valid"),
                of("leading hyphen", path("GET", "/-photos", ""), "InvalidBucketName", "not a valid"),
                of("reserved prefix", path("GET", "/xn--photos", ""), "InvalidBucketName", "not a valid"),
                of("reserved suffix", path("GET", "/photos-s3alias", ""), "InvalidBucketName", "not a valid"),
                of("encoded slash in a bucket", path("GET", "/pho%2Ftos/a", ""), "InvalidBucketName", "not a valid"),
                of("wildcard in a bucket", path("GET", "/pho*tos", ""), "InvalidBucketName", "not a valid"),
                of("bad virtual-host bucket", request("GET", "Bad_Bucket.s3.amazonaws.com", "/a", "",
                        Headers.empty(), ""), "InvalidBucketName", "not a valid"),
                of("bad bucket in a virtual-hosted Host with an encoded key", request("GET",
                        "-photos.s3.eu-west-1.amazonaws.com", "/a%2Fb", "", Headers.empty(), ""), "InvalidBucketName",
                        "not a valid"),
                of("object without a bucket", path("GET", "//a", ""), "InvalidURI", "no bucket"),
                of("a broken escape in the key", path("GET", "/photos/a%2", ""), "InvalidURI", "two hex digits"),
                of("a non-hex escape in the key", path("GET", "/photos/a%zz", ""), "InvalidURI", "two hex digits"),
                of("invalid UTF-8 in the key", path("GET", "/photos/%C3%28", ""), "InvalidURI", "UTF-8"),
                of("key longer than 1024 bytes", path("GET", "/photos/" + "k".repeat(1025), ""), "KeyTooLongError",
                        "1024"),
                of("copy source with a literal plus", request("PUT", GATEWAY, "/photos/a", "",
                        header("x-amz-copy-source", "photos/a+b"), ""), "InvalidArgument", "%2B"),
                of("copy source without a key", request("PUT", GATEWAY, "/photos/a", "",
                        header("x-amz-copy-source", "photos"), ""), "InvalidArgument", "bucket/key"),
                of("copy source with another query", request("PUT", GATEWAY, "/photos/a", "",
                        header("x-amz-copy-source", "photos/b?acl"), ""), "InvalidArgument", "versionId"),
                of("copy source bucket with an encoded slash", request("PUT", GATEWAY, "/photos/a", "",
                        header("x-amz-copy-source", "pho%2Ftos/b"), ""), "InvalidBucketName", "not a valid"),
                of("copy source access point ARN", request("PUT", GATEWAY, "/photos/a", "",
                        header("x-amz-copy-source", "arn%3Aaws%3As3%3Aus-west-2%3A1%3Aaccesspoint%2Fap/object/b"),
                        ""), "InvalidArgument", "access point"),
                of("two copy sources", request("PUT", GATEWAY, "/photos/a", "", Headers.builder()
                        .add("x-amz-copy-source", "photos/b").add("x-amz-copy-source", "photos/c").build(), ""),
                        "InvalidArgument", "more than once"));
    }

    static Stream<Refusal> deleteBodies() {
        return Stream.of(
                delete("external entity (XXE)", XXE, "DTD"),
                delete("internal entity expansion", BILLION_LAUGHS, "DTD"),
                delete("DTD without entities", "<!DOCTYPE Delete><Delete><Object><Key>a</Key></Object></Delete>",
                        "DTD"),
                delete("undeclared entity", "<Delete><Object><Key>&x;</Key></Object></Delete>", ""),
                delete("not XML", "Key=a", "well-formed"),
                delete("truncated", "<Delete><Object><Key>a</Key>", "well-formed"),
                delete("empty body", "", "well-formed"),
                delete("wrong root", "<Remove><Object><Key>a</Key></Object></Remove>", "<Delete>"),
                delete("no keys", "<Delete><Quiet>true</Quiet></Delete>", "no key"),
                delete("an object without a key", "<Delete><Object><VersionId>1</VersionId></Object></Delete>",
                        "no Key"),
                delete("an object with two keys", "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>",
                        "more than one Key"),
                delete("an empty key", "<Delete><Object><Key></Key></Object></Delete>", "empty"),
                delete("an unknown element", "<Delete><Everything/></Delete>", "<Object>"),
                delete("too deep", "<Delete><Object><Key><b>a</b></Key></Object></Delete>", "deeper"),
                delete("more than 1000 keys", Calls.deleteBody(Stream.iterate(0, i -> i + 1).limit(1001)
                        .map(i -> "k" + i).toArray(String[]::new)), "1000"),
                delete("larger than the bound", "<Delete>" + " ".repeat(DeleteObjectsReader.MAX_BYTES) + "</Delete>",
                        "larger"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"routing", "names", "deleteBodies"})
    void refuses(Refusal refusal) {
        DecodeException error = catchThrowableOfType(DecodeException.class,
                () -> adapter.decode(refusal.request(), Calls.CONTEXT));

        assertThat(error).as("refused").isNotNull();
        assertThat(error.errorCode()).isEqualTo(refusal.code());
        assertThat(error.getMessage()).contains(refusal.message());
    }
}
