package io.gatehouse.identity.internal.jose;

import java.util.Base64;

/**
 * The one spelling of base64url that RFC 7515 allows in a compact JWS: only the URL-safe alphabet, no padding, and
 * unused trailing bits zero. The decoders of nimbus and of the JDK accept other spellings of the same bytes, so a
 * signed token could otherwise be written several ways.
 */
public final class Base64UrlSpelling {

    private Base64UrlSpelling() {
    }

    /**
     * @param part one dot-separated part of a compact JWS
     * @return whether it is the canonical unpadded base64url text of its bytes
     */
    public static boolean isCanonical(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
    }
}
