package io.gatehouse.runtime.internal.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folders of a Gatehouse installation: {@code bin/ lib/ system/ etc/ deploy/ data/}.
 *
 * @param root the installation folder
 */
public record Home(Path root) {

    /** Makes the root absolute and normal. */
    public Home {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * Finds the installation: {@code --home}, else {@code $GATEHOUSE_HOME}, else the folder above the {@code lib/}
     * that holds the launcher jar.
     *
     * @param option the {@code --home} option, or null
     * @param environment the value of {@code GATEHOUSE_HOME}, or null
     * @param launcherJar where the launcher jar (or class folder) is, or empty when unknown
     * @return the installation
     * @throws IllegalArgumentException when none of these names a folder with a {@code system/} folder
     */
    public static Home locate(Path option, String environment, Optional<Path> launcherJar) {
        Path candidate;
        String how;
        if (option != null) {
            candidate = option;
            how = "--home";
        } else if (environment != null && !environment.isBlank()) {
            candidate = Path.of(environment);
            how = "GATEHOUSE_HOME";
        } else {
            candidate = launcherJar.map(Path::getParent).map(Path::getParent).orElse(Path.of("."));
            how = "the folder above lib/";
        }
        Home home = new Home(candidate);
        if (!Files.isDirectory(home.system())) {
            throw new IllegalArgumentException(home.root() + " (" + how + ") is not a Gatehouse installation: it has "
                    + "no system/ folder. Name the installation with --home DIR or GATEHOUSE_HOME.");
        }
        return home;
    }

    /** @return {@code system/}: platform and core bundles in one folder per start level */
    public Path system() {
        return root.resolve("system");
    }

    /** @return {@code etc/}: configuration files */
    public Path etc() {
        return root.resolve("etc");
    }

    /** @return {@code deploy/}: plugin jars */
    public Path deploy() {
        return root.resolve("deploy");
    }

    /** @return {@code data/}: state that outlives a run (framework cache, console password hash) */
    public Path data() {
        return root.resolve("data");
    }

    /** @return the framework's bundle cache, emptied on every start */
    public Path cache() {
        return data().resolve("cache");
    }

    /**
     * @param file a file inside the installation
     * @return its name relative to the installation, as messages show it (e.g. {@code etc/x.cfg})
     */
    public String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
