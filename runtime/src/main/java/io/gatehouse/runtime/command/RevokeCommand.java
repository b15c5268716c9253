package io.gatehouse.runtime.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse revoke}: revokes the gateway session in {@code AWS_SESSION_TOKEN} (with everything delegated from
 * it), or, with {@code --target-token-env}, one of its descendants.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revokes the Gatehouse session whose credentials are in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY",
            "and AWS_SESSION_TOKEN, and every session delegated from it. With --target-token-env VAR, revokes the",
            "descendant session whose token is in VAR instead."})
public final class RevokeCommand implements Callable<Integer> {

    private static final Pattern JTI = Pattern.compile("\"jti\"\\s*:\\s*\"([^\"]+)\"");

    @Spec
    private CommandSpec spec;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:7701", description = "Control plane URL "
            + "(default: ${DEFAULT-VALUE})")
    URI endpoint;

    @Option(names = "--target-token-env", description = "Environment variable holding a descendant's session token")
    String targetTokenEnv;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        try {
            String token = required("AWS_SESSION_TOKEN");
            String secret = required("AWS_SECRET_ACCESS_KEY");
            String target = targetTokenEnv == null ? token : required(targetTokenEnv);
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/api/v1/sessions/"
                    + sessionId(target))).timeout(Duration.ofSeconds(30)).DELETE()
                    .header("Authorization", "Bearer " + token)
                    .header("X-Gatehouse-Proof", CredentialsCommand.proof(secret, token));
            if (targetTokenEnv != null) {
                request.header("X-Gatehouse-Target-Token", target);
            }
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The gateway refused (HTTP " + response.statusCode() + "): "
                        + CredentialsCommand.field(response.body(), "error_description").orElse(response.body()));
            }
            spec.commandLine().getOut().println(response.body());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("gatehouse revoke: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    private String required(String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set");
        }
        return value.strip();
    }

    /** The session id is the token's {@code jti}; the gateway verifies the token, this only reads it. */
    static String sessionId(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalStateException("not a Gatehouse session token");
        }
        Matcher jti = JTI.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        if (!jti.find()) {
            throw new IllegalStateException("the session token names no session (jti)");
        }
        return jti.group(1);
    }
}
