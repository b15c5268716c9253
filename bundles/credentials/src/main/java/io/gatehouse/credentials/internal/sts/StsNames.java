package io.gatehouse.credentials.internal.sts;

import io.gatehouse.api.credentials.CredentialException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes Gatehouse names in the characters STS accepts, without ever making two different names equal: every
 * character outside the allowed set (and {@code =}, the escape character itself) becomes {@code =XX} per UTF-8
 * byte. A name that does not fit the length STS allows is refused, never cut or invented.
 */
final class StsNames {

    /** SourceIdentity and RoleSessionName: {@code [\w+=,.@-]}. */
    private static final Pattern IDENTITY_CHARS = Pattern.compile("[A-Za-z0-9_+,.@-]");
    /** Session tag keys and values: letters, digits, spaces and {@code _ . : / = + - @}; ASCII here. */
    private static final Pattern TAG_CHARS = Pattern.compile("[A-Za-z0-9 _.:/+@-]");

    /** Longest SourceIdentity. */
    static final int SOURCE_IDENTITY_MAX = 64;
    /** Longest RoleSessionName. */
    static final int SESSION_NAME_MAX = 64;
    /** Longest session tag value. */
    static final int TAG_VALUE_MAX = 256;

    private StsNames() {
    }

    /**
     * @param subject the subject at the root of the delegation chain
     * @return the SourceIdentity for it: 2 to 64 characters of {@code [\w+=,.@-]}
     * @throws CredentialException when the escaped subject does not fit 2 to 64 characters
     */
    static String sourceIdentity(String subject) {
        String escaped = escape(subject, IDENTITY_CHARS);
        if (escaped.length() < 2 || escaped.length() > SOURCE_IDENTITY_MAX) {
            throw new CredentialException("the subject cannot be the STS SourceIdentity: written in the characters "
                    + "STS allows it has " + escaped.length() + " characters, and STS takes 2 to "
                    + SOURCE_IDENTITY_MAX, null);
        }
        return escaped;
    }

    /**
     * @param sessionId the Gatehouse session id
     * @return {@code gatehouse-} and the end of the escaped session id, at most 64 characters
     */
    static String roleSessionName(String sessionId) {
        String escaped = escape(sessionId, IDENTITY_CHARS);
        String prefix = "gatehouse-";
        int room = SESSION_NAME_MAX - prefix.length();
        String suffix = escaped.length() > room ? escaped.substring(escaped.length() - room) : escaped;
        return prefix + (suffix.isEmpty() ? "session" : suffix);
    }

    /**
     * @param what what the value is, for the message, e.g. {@code actor 2}
     * @param value a tag value
     * @return the value in the characters STS allows
     * @throws CredentialException when the escaped value is longer than 256 characters
     */
    static String tagValue(String what, String value) {
        String escaped = escape(value, TAG_CHARS);
        if (escaped.length() > TAG_VALUE_MAX) {
            throw new CredentialException("the " + what + " cannot be an STS session tag: written in the "
                    + "characters STS allows it has " + escaped.length() + " characters, more than "
                    + TAG_VALUE_MAX, null);
        }
        return escaped;
    }

    /**
     * @param text any text
     * @param allowed the characters kept as they are ({@code =} is always escaped)
     * @return the text with every other character as {@code =XX} per UTF-8 byte
     */
    static String escape(String text, Pattern allowed) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = new String(Character.toChars(codePoint));
            if (codePoint != '=' && allowed.matcher(character).matches()) {
                result.append(character);
            } else {
                for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
                    result.append('=').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
                }
            }
        });
        return result.toString();
    }

    /**
     * @param text any text
     * @return it escaped for a session tag value
     */
    static String escapeTag(String text) {
        return escape(text, TAG_CHARS);
    }
}
