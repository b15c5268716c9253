package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/**
 * The real CLI configured for S3: an addressing style, 8 MiB multipart threshold and part size (so a 50 MiB upload
 * is seven parts, each under the gateway's default {@code max.body.bytes} of 16 MiB), and a shim that makes
 * {@code *.localhost} resolve to 127.0.0.1 for virtual-hosted-style calls to a {@code *.s3.localhost} endpoint.
 */
final class S3Cli {

    /**
     * A {@code sitecustomize.py} that Python imports at start-up from {@code PYTHONPATH}: names ending in
     * {@code .localhost} resolve to 127.0.0.1, as RFC 6761 has it and systemd's nss-myhostname does — this machine's
     * glibc ({@code hosts: files dns}) resolves only {@code localhost} itself.
     */
    static final String LOCALHOST_SHIM = """
            import socket
            _getaddrinfo = socket.getaddrinfo
            def _loopback_localhost(host, *args, **kwargs):
                if isinstance(host, str) and host.lower().rstrip('.').endswith('.localhost'):
                    host = '127.0.0.1'
                return _getaddrinfo(host, *args, **kwargs)
            socket.getaddrinfo = _loopback_localhost
            """;

    private S3Cli() {
    }

    /** A path-style CLI. */
    static AwsCli pathStyle(Path workDir, URI endpoint, AccessKey key) {
        return AwsCli.withConfig(workDir, endpoint, GatewayChain.REGION, config(key, "path"));
    }

    /**
     * A virtual-hosted-style CLI for an endpoint such as {@code http://s3.localhost:PORT}: it calls
     * {@code BUCKET.s3.localhost:PORT}, which the shim resolves to 127.0.0.1.
     */
    static AwsCli virtualHosted(Path workDir, URI endpoint, AccessKey key) {
        try {
            Path shim = Files.createDirectories(workDir.resolve("python-localhost"));
            Files.writeString(shim.resolve("sitecustomize.py"), LOCALHOST_SHIM);
            return AwsCli.withConfig(workDir, endpoint, GatewayChain.REGION, config(key, "virtual"))
                    .withEnvironment(Map.of("PYTHONPATH", shim.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(AccessKey key, String addressingStyle) {
        return "[default]\nregion = " + GatewayChain.REGION + "\noutput = json\nmax_attempts = 1\n"
                + "retry_mode = standard\naws_access_key_id = " + key.id() + "\naws_secret_access_key = "
                + key.secret() + "\ns3 =\n    addressing_style = " + addressingStyle
                + "\n    multipart_threshold = 8MB\n    multipart_chunksize = 8MB\n";
    }

    /** Writes {@code size} bytes from {@code new Random(seed)} to {@code file}. */
    static Path randomFile(Path file, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file, hex. */
    static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
