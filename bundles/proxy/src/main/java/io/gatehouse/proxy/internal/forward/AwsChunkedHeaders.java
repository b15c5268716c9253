package io.gatehouse.proxy.internal.forward;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.SdkHttpFullRequest;

/**
 * The header changes for an aws-chunked upload that is sent upstream decoded: the {@code aws-chunked} content coding
 * is removed (other codings stay), and the headers that describe the chunked form or its trailers are dropped.
 */
final class AwsChunkedHeaders {

    private AwsChunkedHeaders() {
    }

    static void rewrite(SdkHttpFullRequest.Builder builder) {
        builder.removeHeader("x-amz-decoded-content-length");
        builder.removeHeader("x-amz-trailer");
        builder.removeHeader("x-amz-sdk-checksum-algorithm");
        String encoding = builder.firstMatchingHeader("Content-Encoding").orElse(null);
        if (encoding == null) {
            return;
        }
        String rest = Arrays.stream(encoding.split(","))
                .map(String::trim)
                .filter(coding -> !coding.isEmpty() && !"aws-chunked".equals(coding.toLowerCase(Locale.ROOT)))
                .collect(Collectors.joining(","));
        builder.removeHeader("Content-Encoding");
        if (!rest.isEmpty()) {
            builder.putHeader("Content-Encoding", rest);
        }
    }
}
