package io.gatehouse.runtime.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBundlesTest {

    @TempDir
    Path system;

    @Test
    void bundlesComeByStartLevelThenName() throws IOException {
        jar("10/z.jar");
        jar("2/b.jar");
        jar("2/a.jar");
        jar("1/c.jar");
        Files.writeString(system.resolve("2/readme.txt"), "not a jar");
        SystemBundles bundles = SystemBundles.scan(system);
        assertThat(bundles.entries()).extracting(e -> e.startLevel() + "/" + e.jar().getFileName())
                .containsExactly("1/c.jar", "2/a.jar", "2/b.jar", "10/z.jar");
        assertThat(bundles.levels()).containsExactly(1, 2, 10);
        assertThat(bundles.highestLevel()).isEqualTo(10);
    }

    @Test
    void aFolderThatIsNoStartLevelIsAnError() throws IOException {
        jar("core/a.jar");
        assertThatThrownBy(() -> SystemBundles.scan(system)).isInstanceOf(IOException.class)
                .hasMessageContaining("start levels").hasMessageContaining("'core'");
    }

    @Test
    void anEmptySystemFolderIsAnError() {
        assertThatThrownBy(() -> SystemBundles.scan(system)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no bundles");
    }

    private void jar(String path) throws IOException {
        Path file = system.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
    }
}
