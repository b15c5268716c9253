package io.gatehouse.proxy.internal.stream;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * One flexible checksum ({@code x-amz-checksum-crc32|crc32c|sha1|sha256}) computed over the decoded data of an
 * aws-chunked upload, to compare with the trailer the client sends at the end.
 */
final class TrailerChecksum {

    private final String name;
    private final Checksum crc;
    private final MessageDigest digest;

    private TrailerChecksum(String name, Checksum crc, MessageDigest digest) {
        this.name = name;
        this.crc = crc;
        this.digest = digest;
    }

    /**
     * @param trailerName a declared trailer such as {@code x-amz-checksum-crc32}
     * @return its checksum, or empty when the gateway does not compute that algorithm
     */
    static Optional<TrailerChecksum> forTrailer(String trailerName) {
        return switch (trailerName) {
            case "x-amz-checksum-crc32" -> Optional.of(new TrailerChecksum(trailerName, new CRC32(), null));
            case "x-amz-checksum-crc32c" -> Optional.of(new TrailerChecksum(trailerName, new CRC32C(), null));
            case "x-amz-checksum-sha1" -> Optional.of(new TrailerChecksum(trailerName, null, Digests.get("SHA-1")));
            case "x-amz-checksum-sha256" -> Optional.of(new TrailerChecksum(trailerName, null, Digests.sha256()));
            default -> Optional.empty();
        };
    }

    String name() {
        return name;
    }

    void update(byte[] data) {
        if (crc != null) {
            crc.update(data, 0, data.length);
        } else {
            digest.update(data);
        }
    }

    /** @return the base64 value the trailer must carry */
    String value() {
        byte[] bytes = crc != null ? ByteBuffer.allocate(4).putInt((int) crc.getValue()).array() : digest.digest();
        return Base64.getEncoder().encodeToString(bytes);
    }
}
