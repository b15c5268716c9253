package io.gatehouse.runtime.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.runtime.internal.console.ConsoleCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameworkSettingsTest {

    private final Home home = new Home(Path.of("/opt/gatehouse"));
    private final ConsoleCredentials console = new ConsoleCredentials("admin", "{sha-256}x-1000-y", Optional.empty(),
            "data/console-password");

    @Test
    void theCacheIsInDataAndCleanedOnEveryStart() {
        Map<String, String> properties = FrameworkSettings.build(home, LogLevel.INFO, console, Map.of(), 7);
        assertThat(properties).containsEntry("org.osgi.framework.storage", "/opt/gatehouse/data/cache")
                .containsEntry("org.osgi.framework.storage.clean", "onFirstInit")
                .containsEntry("gatehouse.home", "/opt/gatehouse");
    }

    @Test
    void fileInstallWatchesEtcAndDeployEverySecond() {
        Map<String, String> properties = FrameworkSettings.build(home, LogLevel.INFO, console, Map.of(), 7);
        assertThat(properties).containsEntry("felix.fileinstall.dir", "/opt/gatehouse/etc,/opt/gatehouse/deploy")
                .containsEntry("felix.fileinstall.poll", "1000")
                .containsEntry("felix.fileinstall.start.level", "7")
                .containsEntry("felix.startlevel.bundle", "7");
        assertThat("x.cfg.example").doesNotMatch(properties.get("felix.fileinstall.filter"));
        assertThat("io.gatehouse.proxy.cfg").matches(properties.get("felix.fileinstall.filter"));
        assertThat("plugin-1.0.jar").matches(properties.get("felix.fileinstall.filter"));
    }

    @Test
    void theControlPlaneDefaultsToLoopbackAndEtcOverridesIt() {
        assertThat(FrameworkSettings.build(home, LogLevel.INFO, console, Map.of(), 7))
                .containsEntry("org.apache.felix.http.host", "127.0.0.1")
                .containsEntry("org.osgi.service.http.port", "7701");
        assertThat(FrameworkSettings.build(home, LogLevel.INFO, console,
                Map.of("org.osgi.service.http.port", "9701"), 7)).containsEntry("org.osgi.service.http.port", "9701");
    }

    @Test
    void theConsoleNeverStartsWithItsDefaultPassword() {
        assertThat(FrameworkSettings.build(home, LogLevel.INFO, console, Map.of(), 7))
                .containsEntry("felix.webconsole.username", "admin")
                .containsEntry("felix.webconsole.password", "{sha-256}x-1000-y");
    }

    @Test
    void theLauncherSharesTheApisItUses() {
        assertThat(FrameworkSettings.build(home, LogLevel.INFO, console, Map.of(), 7)
                .get("org.osgi.framework.system.packages.extra"))
                .contains("org.osgi.service.metatype").contains("org.osgi.service.cm").contains("org.osgi.service.log");
    }
}
