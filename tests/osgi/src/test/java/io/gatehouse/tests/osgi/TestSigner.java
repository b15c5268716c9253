package io.gatehouse.tests.osgi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal, independent SigV4 signer for one DynamoDB ListTables call (the AWS SDK is not available inside the
 * framework), following the published algorithm step by step.
 */
final class TestSigner {

    private static final String BODY = "{}";
    private static final String REGION = "us-east-1";

    private TestSigner() {
    }

    static HttpResponse<String> listTables(int port, String accessKeyId, String secret) {
        try {
            String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
            String host = "127.0.0.1:" + port;
            String target = "DynamoDB_20120810.ListTables";
            String contentType = "application/x-amz-json-1.0";
            String signedHeaders = "content-type;host;x-amz-date;x-amz-target";
            String canonical = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\nx-amz-date:" + date
                    + "\nx-amz-target:" + target + "\n\n" + signedHeaders + "\n" + sha256(BODY);
            String scope = date.substring(0, 8) + "/" + REGION + "/dynamodb/aws4_request";
            String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + sha256(canonical);
            byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
            key = hmac(hmac(hmac(key, REGION), "dynamodb"), "aws4_request");
            String signature = HexFormat.of().formatHex(hmac(key, toSign));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + "/"))
                    .header("Content-Type", contentType).header("X-Amz-Date", date).header("X-Amz-Target", target)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
                            + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature)
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("ListTables through the data plane failed: " + e, e);
        }
    }

    static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
