package io.gatehouse.plugins.aws.s3.internal;

import static io.gatehouse.plugins.aws.s3.internal.Calls.CONTEXT;
import static io.gatehouse.plugins.aws.s3.internal.Calls.header;
import static io.gatehouse.plugins.aws.s3.internal.Calls.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Virtual-hosted-style calls decode to the same operation as the equivalent path-style call, and
 * {@link S3Adapter#forwardedRequest} turns them into exactly that path-style call: the path the upstream reads
 * names the bucket and key policy decided on.
 */
class S3VirtualHostedTest {

    private final S3Adapter adapter = new S3Adapter(VirtualHosts.withDomains(" S3.Localhost:7700, .gw.example.com"));

    /**
     * One call written both ways.
     *
     * @param host the virtual-hosted Host
     * @param method the HTTP method
     * @param hostedPath the raw path under the virtual host (the key only)
     * @param pathStyle the raw path-style path the gateway must forward
     * @param query the raw query, the same on both
     * @param headers extra headers, the same on both
     */
    record Pair(String name, String host, String method, String hostedPath, String pathStyle, String query,
                Headers headers) {
        @Override
        public String toString() {
            return name;
        }

        RequestView hosted() {
            return request(method, host, hostedPath, query, headers, "");
        }

        RequestView path() {
            return request(method, Calls.GATEWAY, pathStyle, query, headers, "");
        }
    }

    private static Pair pair(String name, String host, String method, String hostedPath, String pathStyle,
                             String query) {
        return new Pair(name, host, method, hostedPath, pathStyle, query, Headers.empty());
    }

    static Stream<Pair> pairs() {
        String aws = "photos.s3.eu-west-1.amazonaws.com";
        return Stream.of(
                pair("GetObject, regional host", aws, "GET", "/cat.jpg", "/photos/cat.jpg", ""),
                pair("GetObject, global host with a port", "photos.s3.amazonaws.com:443", "GET", "/cat.jpg",
                        "/photos/cat.jpg", ""),
                pair("legacy dash-region host", "photos.s3-eu-west-1.amazonaws.com", "HEAD", "/a", "/photos/a", ""),
                pair("dualstack host", "photos.s3.dualstack.eu-west-1.amazonaws.com", "GET", "/a", "/photos/a", ""),
                pair("upper case host, trailing dot", "PHOTOS.S3.AMAZONAWS.COM.", "GET", "/a", "/photos/a", ""),
                pair("bucket with dots", "my.photos.s3.us-east-1.amazonaws.com", "GET", "/k", "/my.photos/k", ""),
                pair("%2F stays encoded in the key", aws, "GET", "/a%2Fb/c", "/photos/a%2Fb/c", ""),
                pair("+ stays a literal plus", aws, "PUT", "/a+b", "/photos/a+b", ""),
                pair("%2B stays encoded", aws, "PUT", "/a%2Bb", "/photos/a%2Bb", ""),
                pair("%20 space", aws, "GET", "/my%20cat.jpg", "/photos/my%20cat.jpg", ""),
                pair("unicode", aws, "GET", "/%C3%A9t%C3%A9/%E2%9C%93.txt", "/photos/%C3%A9t%C3%A9/%E2%9C%93.txt",
                        ""),
                pair("dot segments are not normalised", aws, "GET", "/a/../b/./c", "/photos/a/../b/./c", ""),
                pair("encoded dot segments", aws, "GET", "/%2E%2E/secret", "/photos/%2E%2E/secret", ""),
                pair("a key starting with a slash", aws, "PUT", "//a//", "/photos//a//", ""),
                pair("a folder key", aws, "PUT", "/dir/", "/photos/dir/", ""),
                pair("%25 literal percent", aws, "GET", "/100%25.txt", "/photos/100%25.txt", ""),
                pair("bucket root is the bucket", aws, "GET", "/", "/photos", "list-type=2&prefix=a%2Fb&delimiter=%2F"),
                pair("query kept byte for byte", aws, "PUT", "/big.bin", "/photos/big.bin",
                        "partNumber=3&uploadId=a%2Bb"),
                pair("DeleteBucket", aws, "DELETE", "/", "/photos", ""),
                pair("configured gateway domain", "photos.s3.localhost:7700", "GET", "/a%2Fb", "/photos/a%2Fb", ""),
                pair("configured domain, other port, dotted bucket", "my.photos.S3.LOCALHOST:9999", "GET", "/k",
                        "/my.photos/k", ""),
                pair("second configured domain", "photos.gw.example.com", "POST", "/big.bin", "/photos/big.bin",
                        "uploads"),
                new Pair("CopyObject: the copy source header is unchanged", aws, "PUT", "/copy.jpg",
                        "/photos/copy.jpg", "", header("x-amz-copy-source", "archive/a%2Fb%20c.jpg")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void decodesLikeThePathStyleCall(Pair call) throws DecodeException {
        AwsOperation hosted = adapter.decode(call.hosted(), CONTEXT);
        AwsOperation path = adapter.decode(call.path(), CONTEXT);

        assertThat(hosted).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void forwardsThePathStyleCall(Pair call) throws DecodeException {
        RequestView hosted = call.hosted();
        RequestView forwarded = adapter.forwardedRequest(hosted, CONTEXT);

        assertThat(forwarded.method()).isEqualTo(call.method());
        assertThat(forwarded.rawPath()).isEqualTo(call.pathStyle());
        assertThat(forwarded.rawQuery()).isEqualTo(call.query());
        assertThat(forwarded.headers().first("Host")).as("the proxy sets the endpoint's Host").isEmpty();
        assertThat(forwarded.headers().all("x-amz-copy-source"))
                .isEqualTo(call.headers().all("x-amz-copy-source"));
        assertThat(forwarded.body()).isSameAs(hosted.body());
        assertThat(adapter.decode(forwarded, CONTEXT)).as("what upstream reads is what policy decided on")
                .isEqualTo(adapter.decode(hosted, CONTEXT));
        assertThat(adapter.forwardedRequest(forwarded, CONTEXT)).as("forwarding twice changes nothing")
                .isSameAs(forwarded);
    }

    @Test
    void forwardsPathStyleCallsUnchanged() {
        RequestView path = request("GET", Calls.GATEWAY, "/photos/a%2Fb", "versionId=1", Headers.empty(), "");
        RequestView serviceEndpoint = request("GET", "s3.eu-west-1.amazonaws.com", "/photos/a", "", Headers.empty(),
                "");
        RequestView unconfigured = request("GET", "photos.localhost", "/photos/a", "", Headers.empty(), "");

        assertThat(adapter.forwardedRequest(path, CONTEXT)).isSameAs(path);
        assertThat(adapter.forwardedRequest(serviceEndpoint, CONTEXT)).isSameAs(serviceEndpoint);
        assertThat(adapter.forwardedRequest(unconfigured, CONTEXT)).isSameAs(unconfigured);
    }

    @Test
    void readsGatewayDomainsOnlyWhenConfigured() throws DecodeException {
        RequestView call = request("GET", "photos.s3.localhost:7700", "/photos/cat.jpg", "", Headers.empty(), "");

        assertThat(new S3Adapter().decode(call, CONTEXT).resources()).containsExactly("arn:aws:s3:::photos/cat.jpg");
        assertThat(adapter.decode(call, CONTEXT).resources()).containsExactly("arn:aws:s3:::photos/photos/cat.jpg");
    }

    @Test
    void theConfiguredDomainItselfIsPathStyle() throws DecodeException {
        RequestView call = request("GET", "s3.localhost:7700", "/photos/cat.jpg", "", Headers.empty(), "");

        assertThat(adapter.decode(call, CONTEXT).resources()).containsExactly("arn:aws:s3:::photos/cat.jpg");
        assertThat(adapter.forwardedRequest(call, CONTEXT)).isSameAs(call);
    }

    @Test
    void normalisesConfiguredDomains() {
        assertThat(VirtualHosts.withDomains(" S3.Localhost:7700, .gw.example.com,, s3.localhost.").domains())
                .isEqualTo(List.of("s3.localhost", "gw.example.com"));
        assertThat(VirtualHosts.withDomains("").domains()).isEmpty();
    }

    @Test
    void refusesAnInvalidBucketUnderAConfiguredDomain() {
        RequestView call = request("GET", "Bad_Bucket.s3.localhost", "/a", "", Headers.empty(), "");

        assertThatThrownBy(() -> adapter.decode(call, CONTEXT)).isInstanceOf(DecodeException.class)
                .hasFieldOrPropertyWithValue("errorCode", "InvalidBucketName");
    }
}
