package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Adobe S3Mock 4.12.4 (a Spring Boot jar, copied by the POM to {@code target/s3mock/}) in its own JVM on 127.0.0.1:
 * HTTPS on {@code server.port}, plain HTTP on {@code com.adobe.testing.s3mock.httpPort} (the endpoint used here),
 * objects under the test's folder.
 *
 * <p>S3Mock adds its plain-HTTP connector itself, without an address, so it would listen on every interface
 * whatever {@code server.address} says. It is pinned to 127.0.0.1 by a three-line
 * {@code WebServerFactoryCustomizer} ({@link #LOOPBACK_SOURCE}) that is compiled here, against the Spring Boot and
 * Tomcat jars inside S3Mock's own jar, and put on S3Mock's class path with Spring Boot's {@code PropertiesLauncher}
 * ({@code -Dloader.path}) and registered as an auto-configuration. {@link LoopbackListeners} proves it in the tests.
 */
final class S3Mock extends LoopbackEmulator {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String CUSTOMIZER = "io.gatehouse.tests.e2e.s3mock.LoopbackConnectors";
    private static final Pattern COMPILE_AGAINST = Pattern.compile(
            "BOOT-INF/lib/(spring-boot|spring-context|spring-core|spring-beans|tomcat-embed-core)-\\d[^/]*\\.jar");
    static final String LOOPBACK_SOURCE = """
            package io.gatehouse.tests.e2e.s3mock;

            import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
            import org.springframework.boot.web.server.WebServerFactoryCustomizer;

            /** Binds S3Mock's extra plain-HTTP connector to 127.0.0.1 like the main one (server.address). */
            public class LoopbackConnectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
                @Override
                public void customize(TomcatServletWebServerFactory factory) {
                    factory.getAdditionalTomcatConnectors().forEach(c -> c.setProperty("address", "127.0.0.1"));
                }
            }
            """;

    private final int httpsPort;

    private S3Mock(LoopbackServer server, int httpsPort) {
        super(server);
        this.httpsPort = httpsPort;
    }

    /** Starts S3Mock with its store in {@code workDir}; returns once its plain-HTTP port accepts connections. */
    static S3Mock start(Path workDir) {
        Path jar = jar();
        Path loopback = loopbackCustomizer(jar);
        int httpPort = FreePort.pick();
        int httpsPort = FreePort.pick();
        Path log = workDir.resolve("s3mock-" + httpPort + ".log");
        Path store = createFolder(workDir.resolve("s3mock-" + httpPort));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dloader.path=" + loopback, "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--server.address=127.0.0.1", "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--com.adobe.testing.s3mock.store.root=" + store,
                "--spring.main.banner-mode=off"));
        S3Mock mock = new S3Mock(LoopbackServer.launch("S3Mock", command, httpPort, log, STARTUP), httpsPort);
        if (!FreePort.awaitListening(httpsPort, STARTUP, mock.server::isAlive)) {
            mock.close();
            fail("S3Mock did not open its HTTPS port 127.0.0.1:" + httpsPort + ":\n" + mock.output());
        }
        return mock;
    }

    /** Both ports S3Mock listens on (plain HTTP and HTTPS). */
    List<Integer> ports() {
        return List.of(server.port(), httpsPort);
    }

    /** S3Mock's executable jar, copied by the POM ({@code gatehouse.e2e.s3mock}). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("gatehouse.e2e.s3mock", "target/s3mock/s3mock-4.12.4-exec.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("S3Mock is missing (no " + jar + "). `mvn -pl tests/e2e verify` copies it there ("
                    + Prerequisites.INSTALL_HINT + ").");
        }
        return jar;
    }

    /**
     * The folder with the compiled {@link #LOOPBACK_SOURCE} and its auto-configuration entry, beside the jar; built
     * once.
     */
    private static synchronized Path loopbackCustomizer(Path jar) {
        Path root = jar.resolveSibling("loopback-customizer");
        Path classes = root.resolve("classes");
        Path imports = classes.resolve(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        if (Files.isRegularFile(imports)) {
            return classes;
        }
        try {
            Path lib = Files.createDirectories(root.resolve("lib"));
            List<String> classPath = extractLibraries(jar, lib);
            Path source = root.resolve("src/io/gatehouse/tests/e2e/s3mock/LoopbackConnectors.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, LOOPBACK_SOURCE);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                fail("No Java compiler in " + System.getProperty("java.home") + ": run the tests with a JDK.");
            }
            int status = compiler.run(null, null, null, "-d", classes.toString(), "--release", "17",
                    "-cp", String.join(java.io.File.pathSeparator, classPath), source.toString());
            if (status != 0) {
                fail("cannot compile the S3Mock loopback customizer against " + classPath);
            }
            Files.createDirectories(imports.getParent());
            Files.writeString(imports, CUSTOMIZER + "\n");
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the S3Mock loopback customizer", e);
        }
    }

    private static List<String> extractLibraries(Path jar, Path lib) throws IOException {
        List<String> extracted = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (COMPILE_AGAINST.matcher(entry.getName()).matches()) {
                    Path target = lib.resolve(Path.of(entry.getName()).getFileName().toString());
                    copy(in, target);
                    extracted.add(target.toString());
                }
            }
        }
        if (extracted.size() != 5) {
            fail("expected Spring Boot, Spring context/core/beans and Tomcat inside " + jar + ", found " + extracted);
        }
        return extracted;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
