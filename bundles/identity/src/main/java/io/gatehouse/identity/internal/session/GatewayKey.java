package io.gatehouse.identity.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway key and the purpose-bound keys derived from it (HMAC-SHA256 of the key over a fixed label), so that
 * the session signing key, the access key id key and the secret key are independent of each other. Every node
 * configured with the same gateway key derives the same keys and can verify every session.
 */
public final class GatewayKey {

    /** The smallest gateway key accepted, in bytes. */
    public static final int MIN_BYTES = 32;

    private final byte[] jwsKey;
    private final byte[] accessKeyIdKey;
    private final byte[] secretKey;

    private GatewayKey(byte[] master) {
        this.jwsKey = hmac(master, "gatehouse session jws v1");
        this.accessKeyIdKey = hmac(master, "gatehouse access key id v1");
        this.secretKey = hmac(master, "gatehouse secret access key v1");
    }

    /**
     * @param base64 the gateway key, base64 (standard or URL alphabet)
     * @return the key
     * @throws IllegalArgumentException when it is not base64 or shorter than {@value #MIN_BYTES} bytes; the message
     *         never contains the key
     */
    public static GatewayKey fromBase64(String base64) {
        byte[] master;
        try {
            master = Base64.getDecoder().decode(base64.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway.key is not valid base64");
        }
        if (master.length < MIN_BYTES) {
            throw new IllegalArgumentException("gateway.key must decode to at least " + MIN_BYTES + " bytes, it has "
                    + master.length);
        }
        GatewayKey key = new GatewayKey(master);
        Arrays.fill(master, (byte) 0);
        return key;
    }

    /** @return the HS256 key that signs and verifies session tokens (32 bytes) */
    byte[] jwsKey() {
        return jwsKey.clone();
    }

    /**
     * @param sessionId a session id
     * @return the session's access key id: {@code GHS} and 17 base32 characters, all {@code A-Z2-7}
     */
    String accessKeyIdOf(String sessionId) {
        return "GHS" + base32(hmac(accessKeyIdKey, sessionId)).substring(0, 17);
    }

    /**
     * @param sessionId a session id
     * @return the session's secret access key: 43 base64url characters
     */
    String secretOf(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(secretKey, sessionId));
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "GatewayKey[****]";
    }
}
