package io.gatehouse.proxy.internal.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SigV4 cryptography: SHA-256 hashes, the string to sign, the derived signing key and the HMAC signature. */
final class SignatureCalculator {

    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SignatureCalculator() {
    }

    /**
     * @param requestTime the request time as signed, {@code yyyyMMdd'T'HHmmss'Z'}
     * @param credentialScope {@code date/region/service/aws4_request}
     * @param canonicalRequest the canonical request
     * @return the string to sign
     */
    static String stringToSign(String requestTime, String credentialScope, String canonicalRequest) {
        return SigV4Authorization.ALGORITHM + "\n" + requestTime + "\n" + credentialScope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param secretAccessKey the secret
     * @param authorization the credential scope to derive the key for
     * @param stringToSign the string to sign
     * @return the signature, 64 lower-case hex digits
     */
    static String signature(String secretAccessKey, SigV4Authorization authorization, String stringToSign) {
        return signature(signingKey(secretAccessKey, authorization), stringToSign);
    }

    /**
     * @param secretAccessKey the secret
     * @param authorization the credential scope to derive the key for
     * @return the SigV4 signing key of the scope
     */
    static byte[] signingKey(String secretAccessKey, SigV4Authorization authorization) {
        byte[] key = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        key = hmac(key, authorization.date());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        return hmac(key, SigV4Authorization.TERMINATOR);
    }

    /**
     * @param signingKey a derived signing key
     * @param stringToSign the string to sign
     * @return the signature, 64 lower-case hex digits
     */
    static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    /**
     * @param data bytes to hash
     * @return SHA-256 of the bytes, lower-case hex
     */
    static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    /**
     * @param data a stream to hash to its end; closed
     * @return SHA-256 of the stream's content, lower-case hex
     */
    static String sha256Hex(InputStream data) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[8192];
        try (InputStream in = data) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
        return HEX.formatHex(digest.digest());
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JCA algorithm", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JCA algorithm", e);
        }
    }
}
