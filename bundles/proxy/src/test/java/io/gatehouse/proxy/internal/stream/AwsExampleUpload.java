package io.gatehouse.proxy.internal.stream;

import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The S3 documentation's example "Signature Calculations for the Authorization Header: Transferring Payload in
 * Multiple Chunks": PUT /examplebucket/chunkObject.txt, 65 KiB of 'a' in a 64 KiB and a 1 KiB chunk, signed on
 * 2013-05-24 with the documentation's example key, and the signatures the documentation gives.
 */
final class AwsExampleUpload {

    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TIME = "20130524T000000Z";
    static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String CHUNK_1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    static final String CHUNK_2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    static final String FINAL = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
    static final int DECODED_LENGTH = 66560;
    static final int ENCODED_LENGTH = 66824;

    private AwsExampleUpload() {
    }

    static byte[] payload() {
        byte[] data = new byte[DECODED_LENGTH];
        Arrays.fill(data, (byte) 'a');
        return data;
    }

    /** The aws-chunked body exactly as the documentation lays it out. */
    static byte[] encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = payload();
        write(out, "10000;chunk-signature=" + CHUNK_1 + "\r\n");
        out.write(a, 0, 65536);
        write(out, "\r\n400;chunk-signature=" + CHUNK_2 + "\r\n");
        out.write(a, 0, 1024);
        write(out, "\r\n0;chunk-signature=" + FINAL + "\r\n\r\n");
        return out.toByteArray();
    }

    static String authorization() {
        return "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-decoded-content-length;x-amz-storage-class,Signature=" + SEED;
    }

    /** The example's request with a streamed body. */
    static RequestView request(io.gatehouse.api.exchange.Body body) {
        return new RequestView("PUT", "/examplebucket/chunkObject.txt", "", Headers.builder()
                .add("Host", "s3.amazonaws.com")
                .add("x-amz-date", TIME)
                .add("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .add("Authorization", authorization())
                .add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .add("Content-Encoding", "aws-chunked")
                .add("x-amz-decoded-content-length", Integer.toString(DECODED_LENGTH))
                .add("Content-Length", Integer.toString(ENCODED_LENGTH))
                .build(), body);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
