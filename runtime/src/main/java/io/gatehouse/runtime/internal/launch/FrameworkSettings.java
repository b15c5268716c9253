package io.gatehouse.runtime.internal.launch;

import io.gatehouse.runtime.internal.config.BuiltInRules;
import io.gatehouse.runtime.internal.console.ConsoleCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framework properties Gatehouse boots Felix with. They are the defaults of the bundles that read them
 * (FileInstall, Felix HTTP, the Web Console, SCR); {@code etc/} files applied later by FileInstall override the
 * configurable ones.
 */
public final class FrameworkSettings {

    /** Framework property holding the installation folder; {@code etc/*.cfg} files may use {@code ${gatehouse.home}}. */
    public static final String HOME_PROPERTY = "gatehouse.home";
    /** Felix HTTP's default port when etc/ does not name one: the control plane. */
    public static final String DEFAULT_CONTROL_PORT = "7701";
    /** Felix HTTP's default bind address when etc/ does not name one: loopback. */
    public static final String DEFAULT_CONTROL_HOST = "127.0.0.1";
    /**
     * OSGi service APIs the launcher uses itself (config validation, config arrival, log output); the platform
     * bundles that also export them import them from the system bundle, so both sides see the same classes.
     */
    static final String SHARED_PACKAGES = "org.osgi.service.metatype;version=\"1.4.1\","
            + "org.osgi.service.cm;version=\"1.6.1\",org.osgi.service.log;version=\"1.5.0\"";

    private FrameworkSettings() {
    }

    /**
     * @param home the installation
     * @param logLevel how much to log
     * @param console the Web Console credentials
     * @param httpConfig the keys of {@code etc/org.apache.felix.http.cfg} (empty when there is none)
     * @param pluginStartLevel the start level of {@code deploy/} bundles
     * @return the framework properties
     */
    public static Map<String, String> build(Home home, LogLevel logLevel, ConsoleCredentials console,
                                            Map<String, String> httpConfig, int pluginStartLevel) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(HOME_PROPERTY, home.root().toString());
        properties.put("org.osgi.framework.storage", home.cache().toString());
        // State comes from system/, etc/ and deploy/ on every start: a bundle stopped or a configuration created
        // in the console does not survive a restart, a replaced jar in system/ is never shadowed by a cached copy.
        properties.put("org.osgi.framework.storage.clean", "onFirstInit");
        properties.put("org.osgi.framework.startlevel.beginning", "1");
        properties.put("felix.startlevel.bundle", Integer.toString(pluginStartLevel));
        properties.put("org.osgi.framework.system.packages.extra", SHARED_PACKAGES);
        properties.put("felix.log.level", Integer.toString(logLevel.felixLevel()));
        properties.put("ds.loglevel", logLevel == LogLevel.TRACE ? "debug" : logLevel.slf4jName());
        fileInstall(properties, home, pluginStartLevel);
        // Felix HTTP starts before FileInstall applies etc/org.apache.felix.http.cfg: give it the same values as
        // defaults so that it never listens anywhere else, not even for a moment.
        properties.put(BuiltInRules.HTTP_PORT, DEFAULT_CONTROL_PORT);
        properties.put(BuiltInRules.HTTP_HOST, DEFAULT_CONTROL_HOST);
        properties.putAll(httpConfig);
        properties.put("felix.webconsole.username", console.username());
        properties.put("felix.webconsole.password", console.passwordHash());
        return properties;
    }

    private static void fileInstall(Map<String, String> properties, Home home, int pluginStartLevel) {
        properties.put("felix.fileinstall.dir", home.etc() + "," + home.deploy());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|jar)");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.start.level", Integer.toString(pluginStartLevel));
        properties.put("felix.fileinstall.configEncoding", "UTF-8");
        // Console edits of a file-backed configuration are written back to its etc/ file.
        properties.put("felix.fileinstall.enableConfigSave", "true");
        properties.put("felix.fileinstall.tmpdir", home.data().resolve("fileinstall").toString());
    }
}
