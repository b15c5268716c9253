package io.gatehouse.plugins.aws.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target of the S3 adapter's request decoding (Host, path, query, headers, DeleteObjects body). Under a normal
 * build it runs the committed seeds in {@code S3DecoderFuzzTestInputs/decode/} (regression mode); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates them (see the module README). Inputs are read by {@link FuzzRequest}.
 *
 * <p>Invariants: decoding throws nothing but {@link DecodeException}; it is deterministic; every resource is an S3
 * ARN of a valid bucket and the first one names the request's own bucket (and key); the request the gateway forwards
 * decodes to the same operation, is path style and forwarding it again changes nothing; and the same call written in
 * the other addressing style decodes to the same operation.
 */
class S3DecoderFuzzTest {

    private static final DecodeContext CONTEXT = new DecodeContext("s3", "eu-west-1", "123456789012", "aws");
    private static final String ARN = "arn:aws:s3:::";
    private static final VirtualHosts HOSTS = VirtualHosts.withDomains("s3.localhost");
    private static final S3Adapter ADAPTER = new S3Adapter(HOSTS);

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] data) throws DecodeException {
        RequestView request = FuzzRequest.parse(data);
        Optional<AwsOperation> decoded = decodeOrRefuse(request);
        assertThat(decodeOrRefuse(request)).as("deterministic").isEqualTo(decoded);
        if (decoded.isEmpty()) {
            return;
        }
        AwsOperation operation = decoded.get();
        S3Address address = S3Address.of(request.headers().first("Host"), request.rawPath(), HOSTS);
        assertResources(operation, address);

        RequestView forwarded = ADAPTER.forwardedRequest(request, CONTEXT);
        assertThat(ADAPTER.decode(forwarded, CONTEXT)).as("upstream reads what policy decided on")
                .isEqualTo(operation);
        assertThat(S3Address.of(forwarded.headers().first("Host"), forwarded.rawPath(), HOSTS).virtualHosted())
                .isFalse();
        assertThat(ADAPTER.forwardedRequest(forwarded, CONTEXT)).isSameAs(forwarded);

        if (address.hasBucket() && !address.virtualHosted()) {
            RequestView hosted = new RequestView(request.method(), "/" + address.rawKey(), request.rawQuery(),
                    request.headers().toBuilder().set("Host", address.bucket() + ".s3.eu-west-1.amazonaws.com")
                            .build(), request.body());
            assertThat(ADAPTER.decode(hosted, CONTEXT)).as("the same call virtual-hosted").isEqualTo(operation);
        }
    }

    private static Optional<AwsOperation> decodeOrRefuse(RequestView request) {
        try {
            return Optional.of(ADAPTER.decode(request, CONTEXT));
        } catch (DecodeException e) {
            assertThat(e.errorCode()).isNotBlank();
            assertThat(e.getMessage()).isNotBlank();
            return Optional.empty();
        }
    }

    private static void assertResources(AwsOperation operation, S3Address address) throws DecodeException {
        assertThat(operation.service()).isEqualTo("s3");
        assertThat(operation.region()).isEqualTo(CONTEXT.region());
        List<String> resources = operation.resources();
        assertThat(new HashSet<>(resources)).as("no duplicates").hasSameSizeAs(resources);
        if (!address.hasBucket()) {
            assertThat(resources).as("ListBuckets names no resource").isEmpty();
            return;
        }
        assertThat(resources).isNotEmpty();
        for (String resource : resources) {
            assertThat(resource).startsWith(ARN);
            String bucketAndKey = resource.substring(ARN.length());
            int slash = bucketAndKey.indexOf('/');
            BucketNames.validate(slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash));
        }
        String own = ARN + address.bucket();
        if ("DeleteObjects".equals(operation.action())) {
            assertThat(resources).allSatisfy(resource -> assertThat(resource).startsWith(own + "/"));
        } else {
            assertThat(resources.get(0)).isEqualTo(address.hasKey() ? own + "/" + address.key() : own);
        }
    }
}
