package io.gatehouse.runtime.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks of the PIDs we document whose bundles bring no metatype before they run: Felix HTTP (the control plane's
 * host and ports) and the Web Console's user and password. Keys not listed here are left to those bundles.
 */
public final class BuiltInRules {

    /** PID of Felix HTTP (Jetty). */
    public static final String HTTP_PID = "org.apache.felix.http";
    /** PID of the Web Console. */
    public static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    /** Felix HTTP's port key. */
    public static final String HTTP_PORT = "org.osgi.service.http.port";
    /** Felix HTTP's bind address key. */
    public static final String HTTP_HOST = "org.apache.felix.http.host";

    private static final String HTTPS_PORT = "org.osgi.service.http.port.secure";
    private static final String IGNORED_HOST = "org.osgi.service.http.host";
    private static final List<String> HTTP_BOOLEANS = List.of("org.apache.felix.http.enable",
            "org.apache.felix.https.enable");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");

    private BuiltInRules() {
    }

    /** @return the built-in checks by PID */
    public static Map<String, BuiltInRule> defaults() {
        return Map.of(HTTP_PID, BuiltInRules::checkHttp, CONSOLE_PID, BuiltInRules::checkConsole);
    }

    static List<ConfigProblem> checkHttp(CfgFile file) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> values = file.values();
        for (String key : List.of(HTTP_PORT, HTTPS_PORT)) {
            String value = values.get(key);
            if (value != null && parsePort(value) < 0) {
                problems.add(ConfigProblem.error(file, key + " = '" + value
                        + "' is not allowed: expected an integer between 1 and 65535"));
            }
        }
        String host = values.get(HTTP_HOST);
        if (host != null && !HOST.matcher(host).matches()) {
            problems.add(ConfigProblem.error(file, HTTP_HOST + " = '" + host
                    + "' is not allowed: expected a host name or IP address, e.g. 127.0.0.1"));
        }
        if (values.containsKey(IGNORED_HOST)) {
            problems.add(ConfigProblem.error(file, IGNORED_HOST + " is ignored by Felix HTTP (it would listen on "
                    + "every interface): use " + HTTP_HOST + " instead"));
        }
        for (String key : HTTP_BOOLEANS) {
            String value = values.get(key);
            if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problems.add(ConfigProblem.error(file, key + " = '" + value + "' is not allowed: expected true or false"));
            }
        }
        return problems;
    }

    static List<ConfigProblem> checkConsole(CfgFile file) {
        List<ConfigProblem> problems = new ArrayList<>();
        String user = file.values().get("username");
        if (user != null && user.isBlank()) {
            problems.add(ConfigProblem.error(file, "username is empty: expected a user name"));
        }
        String password = file.values().get("password");
        if (password != null && password.isBlank()) {
            problems.add(ConfigProblem.error(file, "password is empty: expected a {sha-256} hash from "
                    + "`gatehouse hash-password`"));
        } else if (password != null && !password.startsWith("{")) {
            problems.add(ConfigProblem.warning(file, "password is stored in clear text: replace it with the hash "
                    + "that `gatehouse hash-password` prints"));
        }
        return problems;
    }

    /**
     * @param value the text of a port setting
     * @return the port, or -1 when the text is not an integer between 1 and 65535
     */
    public static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            return port >= 1 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
