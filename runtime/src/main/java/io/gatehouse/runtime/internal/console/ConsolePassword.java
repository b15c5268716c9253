package io.gatehouse.runtime.internal.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Passwords of the Felix Web Console in the hashed form its {@code OsgiManager} accepts:
 * {@code {sha-256}SALT-ITERATIONS-BASE64}, where the digest is applied ITERATIONS times to the UTF-8 bytes of
 * SALT + password (Felix Web Console 5.0.x, {@code org.apache.felix.webconsole.internal.servlet.Password}).
 */
public final class ConsolePassword {

    private static final String ALGORITHM = "sha-256";
    private static final int ITERATIONS = 1000;
    private static final int SALT_BYTES = 8;
    private static final int GENERATED_LENGTH = 24;
    /** No look-alike characters (0/O, 1/l/I), nothing a shell or a URL would quote. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private ConsolePassword() {
    }

    /**
     * @param random the source of randomness
     * @return a new password of 24 characters (about 140 bits)
     */
    public static String generate(SecureRandom random) {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * @param password the clear-text password
     * @param random the source of the salt
     * @return the hash to put in the console's {@code password} setting
     */
    public static String hash(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, HexFormat.of().formatHex(salt), ITERATIONS);
    }

    /**
     * Checks a password against a hash the way the console does, for hashes of the form {@link #hash} writes.
     *
     * @param hashed the stored hash
     * @param password the clear-text password
     * @return whether they match
     */
    public static boolean matches(String hashed, String password) {
        String prefix = "{" + ALGORITHM + "}";
        if (!hashed.startsWith(prefix)) {
            return false;
        }
        String[] parts = hashed.substring(prefix.length()).split("-", 3);
        if (parts.length != 3) {
            return false;
        }
        try {
            String expected = hash(password, parts[0], Integer.parseInt(parts[1]));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    hashed.getBytes(StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @param value a console {@code password} setting
     * @return whether it is a hash rather than clear text
     */
    public static boolean isHashed(String value) {
        return value.startsWith("{") && value.indexOf('}') > 1;
    }

    private static String hash(String password, String salt, int iterations) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] bytes = (salt + password).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < iterations; i++) {
                digest.reset();
                bytes = digest.digest(bytes);
            }
            return "{" + ALGORITHM + "}" + salt + "-" + iterations + "-" + Base64.getEncoder().encodeToString(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
