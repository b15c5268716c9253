package io.gatehouse.tests.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * An S3 PutObject in the aws-chunked form ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, 128 KiB chunks), signed by the
 * AWS SDK v2's own chunk signer, sent over a raw socket so that any byte of it can be changed first.
 */
final class AwsChunkedUpload {

    final SdkHttpFullRequest request;
    final byte[] body;

    private AwsChunkedUpload(SdkHttpFullRequest request, byte[] body) {
        this.request = request;
        this.body = body;
    }

    /** Signs a PUT of {@code data} to {@code endpoint/bucket/key} with the client key. */
    static AwsChunkedUpload sign(URI endpoint, String bucket, String key, byte[] data, AccessKey client,
                                 String region) {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(endpoint).encodedPath("/" + bucket + "/" + key)
                .putHeader("Content-Length", Integer.toString(data.length))
                .putHeader("Content-Type", "application/octet-stream")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(client.identity())
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(data))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            return new AwsChunkedUpload((SdkHttpFullRequest) signed.request(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the same upload with one chunk-signature (the n-th, from 0) changed in its last hex digit */
    AwsChunkedUpload withCorruptedChunkSignature(int n) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = text.indexOf(";chunk-signature=", at + 1);
            if (at < 0) {
                throw new IllegalArgumentException("the body has fewer than " + (n + 1) + " chunks");
            }
        }
        byte[] corrupted = body.clone();
        int last = at + ";chunk-signature=".length() + 63;
        corrupted[last] = (byte) (corrupted[last] == '0' ? '1' : '0');
        return new AwsChunkedUpload(request, corrupted);
    }

    /** Sends the request (body written from another thread, as a client would) and reads the whole answer. */
    Answer send(Duration timeout) {
        try (Socket socket = new Socket(request.host(), request.port())) {
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder("PUT " + request.encodedPath() + " HTTP/1.1\r\n");
            head.append("Host: ").append(request.host()).append(':').append(request.port()).append("\r\n");
            for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Host")) {
                    header.getValue().forEach(v -> head.append(header.getKey()).append(": ").append(v)
                            .append("\r\n"));
                }
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // the gateway may answer and close before reading everything
                }
            });
            writer.start();
            byte[] answer = readAll(socket.getInputStream());
            writer.join(timeout.toMillis());
            return Answer.parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // connection reset after the answer was read
        }
        return bytes.toByteArray();
    }

    /** A status line, headers and body, read until the connection closed. */
    record Answer(int status, String head, String body) {
        static Answer parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Answer(status, head, body);
        }
    }
}
