package io.gatehouse.identity.internal.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The generated gateway key of a single node: {@code data/gateway.key}, created once, readable by its owner only. */
public final class GatewayKeyFile {

    private GatewayKeyFile() {
    }

    /**
     * @param file where the generated key lives
     * @return whether the file had to be created now
     * @throws IOException when it cannot be read or written
     */
    public static boolean ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "gateway", ".key");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection applies
        }
        Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * @param file the key file
     * @return the key
     * @throws IOException when it cannot be read
     */
    public static GatewayKey read(Path file) throws IOException {
        return GatewayKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    }
}
