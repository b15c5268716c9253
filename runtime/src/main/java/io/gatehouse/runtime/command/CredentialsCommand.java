package io.gatehouse.runtime.command;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse credentials}: an AWS {@code credential_process}. Obtains the caller's token, exchanges it at the
 * gateway's control plane ({@code POST /api/v1/credentials}), caches the answer in a file only the user can read
 * until shortly before it expires, and prints the credential_process JSON.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {"Exchanges your OIDC token (or, on a development gateway, a user name) for gateway-issued AWS",
            "credentials and prints them as credential_process JSON. In ~/.aws/config:",
            "  credential_process = /opt/gatehouse/bin/gatehouse credentials --token-env CI_OIDC_TOKEN"})
public final class CredentialsCommand implements Callable<Integer> {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String DEV_TOKEN_TYPE = "urn:gatehouse:token-type:dev";
    private static final Pattern STRING_FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Spec
    private CommandSpec spec;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:7701", description = "Control plane URL "
            + "(default: ${DEFAULT-VALUE})")
    URI endpoint;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the subject token comes from: exactly one. */
    static final class Source {
        @Option(names = "--token-file", description = "Read the OIDC token from this file") Path tokenFile;
        @Option(names = "--token-env", description = "Read the OIDC token from this environment variable")
        String tokenEnv;
        @Option(names = "--token-command", description = "Run this shell command; its output is the OIDC token")
        String tokenCommand;
        @Option(names = "--token-endpoint", description = "Obtain a token with the OAuth client credentials flow "
                + "from this token endpoint (with --client-id and --client-secret-env or --client-secret-file)")
        URI tokenEndpoint;
        @Option(names = "--dev", description = "Development issuer: name yourself with --user and --groups")
        boolean dev;
        @Option(names = "--delegate", description = "Delegation: mint narrower child credentials for --actor from "
                + "the gateway credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN")
        boolean delegate;
    }

    @Option(names = "--actor", description = "With --delegate: the name of the delegate (e.g. the sub-agent)")
    String actor;

    @Option(names = "--client-id", description = "Client id for --token-endpoint") String clientId;
    @Option(names = "--client-secret-env", description = "Environment variable holding the client secret")
    String clientSecretEnv;
    @Option(names = "--client-secret-file", description = "File holding the client secret") Path clientSecretFile;
    @Option(names = "--oidc-scope", description = "scope requested from --token-endpoint") String oidcScope;
    @Option(names = "--user", description = "With --dev: the user name") String user;
    @Option(names = "--groups", split = ",", description = "With --dev: the groups, comma separated")
    String[] groups;
    @Option(names = "--subject-token-type", defaultValue = "urn:ietf:params:oauth:token-type:access_token",
            description = "Type of the OIDC token (default: ${DEFAULT-VALUE})") String subjectTokenType;
    @Option(names = "--scope", description = "Requested scope: action:PATTERN and resource:PATTERN items")
    String scope;
    @Option(names = "--lifetime", description = "Requested lifetime in seconds") Long lifetime;
    @Option(names = "--purpose", description = "Declared purpose of the session") String purpose;
    @Option(names = "--cache-dir", description = "Cache folder (default: $XDG_CACHE_HOME/gatehouse or "
            + "~/.cache/gatehouse)") Path cacheDir;
    @Option(names = "--no-cache", description = "Always exchange; do not read or write the cache") boolean noCache;
    @Option(names = "--refresh-before", defaultValue = "300", description = "Exchange again when the cached "
            + "credentials expire within this many seconds (default: ${DEFAULT-VALUE})") long refreshBefore;

    Clock clock = Clock.systemUTC();
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        try {
            return obtain();
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("gatehouse credentials: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    private int obtain() throws IOException, InterruptedException {
        String cacheKey = cacheKey();
        Path cache = cacheFolder().resolve("credentials-" + cacheKey + ".json");
        Optional<String> cached = noCache ? Optional.empty() : readCache(cache);
        String json = cached.isPresent() ? cached.get() : exchange();
        if (cached.isEmpty() && !noCache) {
            writeCache(cache, json);
        }
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String exchange() throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        if (source.delegate) {
            String token = required(environment.get("AWS_SESSION_TOKEN"), "--delegate needs AWS_SESSION_TOKEN");
            String secret = required(environment.get("AWS_SECRET_ACCESS_KEY"),
                    "--delegate needs AWS_SECRET_ACCESS_KEY");
            form.put("subject_token_type", "urn:gatehouse:token-type:session");
            form.put("subject_token", token);
            form.put("subject_token_proof", proof(secret, token));
            form.put("actor", required(actor, "--delegate needs --actor NAME"));
        } else if (source.dev) {
            form.put("subject_token_type", DEV_TOKEN_TYPE);
            form.put("subject_token", required(user, "--dev needs --user NAME"));
            if (groups != null) {
                form.put("groups", String.join(",", groups));
            }
        } else {
            form.put("subject_token_type", subjectTokenType);
            form.put("subject_token", subjectToken());
        }
        putIfSet(form, "scope", scope);
        putIfSet(form, "requested_lifetime", lifetime == null ? null : lifetime.toString());
        putIfSet(form, "purpose", purpose);
        HttpResponse<String> response = post(endpoint.resolve("/api/v1/credentials"), form, null);
        if (response.statusCode() != 200) {
            throw failure("The gateway refused the exchange (HTTP " + response.statusCode() + "): "
                    + field(response.body(), "error").orElse("error") + ": "
                    + field(response.body(), "error_description").orElse(shorten(response.body())));
        }
        String json = response.body().strip();
        expiration(json).orElseThrow(() -> failure("The gateway answered without an Expiration: "
                + shorten(json)));
        return json;
    }

    private String subjectToken() throws IOException, InterruptedException {
        if (source.tokenFile != null) {
            return Files.readString(source.tokenFile, StandardCharsets.UTF_8).strip();
        }
        if (source.tokenEnv != null) {
            return required(environment.get(source.tokenEnv), "Environment variable " + source.tokenEnv
                    + " is not set").strip();
        }
        if (source.tokenCommand != null) {
            return runTokenCommand(source.tokenCommand);
        }
        return clientCredentialsToken();
    }

    private String runTokenCommand(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
            process.destroyForcibly();
            throw failure("--token-command failed or printed nothing (exit " + (process.isAlive() ? "timeout"
                    : process.exitValue()) + ")");
        }
        return out;
    }

    private String clientCredentialsToken() throws IOException, InterruptedException {
        String id = required(clientId, "--token-endpoint needs --client-id");
        String secret = clientSecretFile != null ? Files.readString(clientSecretFile, StandardCharsets.UTF_8).strip()
                : required(clientSecretEnv == null ? null : environment.get(clientSecretEnv),
                        "--token-endpoint needs --client-secret-env VAR (set) or --client-secret-file FILE");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        putIfSet(form, "scope", oidcScope);
        String basic = java.util.Base64.getEncoder().encodeToString((URLEncoder.encode(id, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = post(source.tokenEndpoint, form, "Basic " + basic);
        if (response.statusCode() != 200) {
            throw failure("The token endpoint refused the client credentials (HTTP " + response.statusCode() + "): "
                    + field(response.body(), "error_description").or(() -> field(response.body(), "error"))
                    .orElse("no description"));
        }
        return field(response.body(), "access_token").orElseThrow(() ->
                failure("The token endpoint answered without an access_token"));
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> form, String authorization)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("Cannot reach " + uri + ": " + e.getMessage()
                    + ". Is Gatehouse running, and is --endpoint right?", e);
        }
    }

    private Optional<String> readCache(Path cache) {
        try {
            String json = Files.readString(cache, StandardCharsets.UTF_8).strip();
            return expiration(json).filter(exp -> clock.instant().plusSeconds(refreshBefore).isBefore(exp))
                    .map(exp -> json);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeCache(Path cache, String json) throws IOException {
        Path folder = cache.getParent();
        Files.createDirectories(folder);
        setMode(folder, "rwx------");
        Path temporary = Files.createTempFile(folder, "credentials", ".tmp");
        setMode(temporary, "rw-------");
        Files.writeString(temporary, json + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void setMode(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the user's own folder protects it
        }
    }

    private Path cacheFolder() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("gatehouse");
    }

    /** Names the request: everything that changes the answer (the token itself when it is cheap to read). */
    private String cacheKey() throws IOException {
        StringBuilder key = new StringBuilder().append(endpoint).append('\n').append(scope).append('\n')
                .append(lifetime).append('\n').append(purpose).append('\n').append(subjectTokenType).append('\n');
        if (source.delegate) {
            key.append("delegate ").append(environment.getOrDefault("AWS_SESSION_TOKEN", "")).append(' ')
                    .append(actor);
        } else if (source.dev) {
            key.append("dev ").append(user).append(' ').append(groups == null ? "" : String.join(",", groups));
        } else if (source.tokenFile != null) {
            key.append("file ").append(Files.readString(source.tokenFile, StandardCharsets.UTF_8).strip());
        } else if (source.tokenEnv != null) {
            key.append("env ").append(environment.getOrDefault(source.tokenEnv, ""));
        } else if (source.tokenCommand != null) {
            key.append("command ").append(source.tokenCommand);
        } else {
            key.append("client ").append(source.tokenEndpoint).append(' ').append(clientId).append(' ')
                    .append(oidcScope);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param secret a session's secret access key
     * @param token its session token
     * @return the proof of possession the control plane asks for: base64url(HMAC-SHA256(secret, token))
     */
    static String proof(String secret, String token) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static Optional<Instant> expiration(String json) {
        try {
            return field(json, "Expiration").map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Reads one top-level string member of a small JSON answer; the answers here are flat objects. */
    static Optional<String> field(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(STRING_FIELD.pattern(), Pattern.quote(name))).matcher(json);
        return matcher.find() ? Optional.of(matcher.group(1).replace("\\/", "/").replace("\\\"", "\""))
                : Optional.empty();
    }

    private static void putIfSet(Map<String, String> form, String name, String value) {
        if (value != null) {
            form.put(name, value);
        }
    }

    private <T> T required(T value, String message) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), message);
        }
        return value;
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
