package io.gatehouse.tests.e2e;

import java.security.SecureRandom;
import java.util.Locale;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * An AWS access key pair made up for one test run. Random secrets make the "never leaks" scans
 * meaningful: no fixed string can be in a log by accident.
 */
record AccessKey(String id, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = ID_ALPHABET + ID_ALPHABET.toLowerCase(Locale.ROOT) + "0189/+";

    /** A fresh key whose id starts with {@code prefix} (for telling keys apart in failures). */
    static AccessKey random(String prefix) {
        return new AccessKey(prefix + randomString(ID_ALPHABET, 20 - prefix.length()),
                randomString(SECRET_ALPHABET, 40));
    }

    /** The same id with another secret. */
    AccessKey withWrongSecret() {
        return new AccessKey(id, randomString(SECRET_ALPHABET, 40));
    }

    AwsCredentialsIdentity identity() {
        return AwsCredentialsIdentity.create(id, secret);
    }

    @Override
    public String toString() {
        return "AccessKey[" + id + "]";
    }

    private static String randomString(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
