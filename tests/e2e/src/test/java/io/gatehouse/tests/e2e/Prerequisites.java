package io.gatehouse.tests.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The outside programs the end-to-end tests need. A missing one fails the test with what to install;
 * nothing is skipped.
 */
final class Prerequisites {

    static final String INSTALL_HINT = "`bash dev/test` installs everything the tests need";

    private Prerequisites() {
    }

    /** The AWS CLI v2 from Debian, always by its full path (an older v1 may come first on PATH). */
    static Path awsCli() {
        Path aws = Path.of(System.getProperty("gatehouse.e2e.aws", "/usr/bin/aws"));
        if (!Files.isExecutable(aws)) {
            fail("The AWS CLI is missing at " + aws + ". Install it with `apt-get install -y awscli` ("
                    + INSTALL_HINT + ").");
        }
        return aws;
    }

    static Path node() {
        return onPath("node").orElseGet(() -> fail(
                "Node.js (`node`) is not on PATH; dynalite needs it. Install it with `apt-get install -y nodejs npm` ("
                        + INSTALL_HINT + ")."));
    }

    /** dynalite's cli.js, installed from the committed package-lock into tests/e2e/node_modules. */
    static Path dynaliteCli() {
        return npmPackage("dynalite", "cli.js").resolve("cli.js");
    }

    /**
     * The folder of the npm package {@code name} (property {@code gatehouse.e2e.NAME}, by default
     * {@code node_modules/NAME}), installed from the committed package-lock into tests/e2e/node_modules; it must
     * hold the file {@code marker}.
     */
    static Path npmPackage(String name, String marker) {
        Path home = Path.of(System.getProperty("gatehouse.e2e." + name, "node_modules/" + name))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(home.resolve(marker))) {
            fail(name + " is missing (no " + home.resolve(marker) + "). Install it with `npm ci --prefix tests/e2e` ("
                    + INSTALL_HINT + ").");
        }
        return home;
    }

    /** The folder the distribution module assembles. */
    static Path distribution() {
        Path home = Path.of(System.getProperty("gatehouse.e2e.distribution", "../../distribution/target/gatehouse"))
                .toAbsolutePath().normalize();
        if (!Files.isExecutable(home.resolve("bin/gatehouse"))) {
            fail("The Gatehouse distribution is not assembled (no executable " + home.resolve("bin/gatehouse")
                    + "). Build it with `mvn -B install -DskipTests` at the repository root.");
        }
        return home;
    }

    static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
