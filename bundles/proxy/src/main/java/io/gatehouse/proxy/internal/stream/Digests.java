package io.gatehouse.proxy.internal.stream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** JCA digests every JDK has. */
final class Digests {

    private Digests() {
    }

    static MessageDigest sha256() {
        return get("SHA-256");
    }

    static MessageDigest get(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a required JCA algorithm", e);
        }
    }
}
