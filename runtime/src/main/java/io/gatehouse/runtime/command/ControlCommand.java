package io.gatehouse.runtime.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that calls the control plane as the caller whose gateway session credentials are in the environment
 * ({@code AWS_SESSION_TOKEN}, {@code AWS_SECRET_ACCESS_KEY}, e.g. from {@code gatehouse credentials}): it sends
 * {@code Authorization: Bearer TOKEN} and {@code X-Gatehouse-Proof}, never the secret itself.
 */
public abstract class ControlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:7701", description = "Control plane URL "
            + "(default: ${DEFAULT-VALUE})")
    URI endpoint;

    @Option(names = "--json", description = "Print the gateway's JSON answer instead of a table")
    boolean json;

    /** Where the credentials are read from; tests replace it. */
    public Map<String, String> environment = System.getenv();

    /** The gateway's answer. */
    record Answer(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            Object value = MiniJson.parse(body);
            if (!(value instanceof Map)) {
                throw new IllegalStateException("the gateway's answer is not a JSON object");
            }
            return (Map<String, Object>) value;
        }
    }

    @Override
    public final Integer call() throws InterruptedException {
        try {
            run();
            out().flush();
            return 0;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("gatehouse " + spec.qualifiedName(" ").replaceFirst("^gatehouse ", "")
                    + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    /** Does the work; throws to fail with a message. */
    abstract void run() throws IOException, InterruptedException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * Sends a request and returns a 2xx answer.
     *
     * @param method the HTTP method
     * @param path the path, e.g. {@code /api/v1/approvals}
     * @param body a JSON body, or null
     * @throws IllegalStateException with the gateway's error description for any other status
     */
    Answer send(String method, String path, String body) throws IOException, InterruptedException {
        String token = required("AWS_SESSION_TOKEN");
        String secret = required("AWS_SECRET_ACCESS_KEY");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("X-Gatehouse-Proof", CredentialsCommand.proof(secret, token))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the gateway refused (HTTP " + response.statusCode() + "): "
                    + CredentialsCommand.field(response.body(), "error_description").orElse(response.body()));
        }
        return new Answer(response.statusCode(), response.body());
    }

    private String required(String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: run with the credentials of your gateway "
                    + "session (e.g. from `gatehouse credentials`)");
        }
        return value.strip();
    }

    /** Prints one approval as its JSON, or as readable lines. */
    void printApproval(Answer answer) {
        if (json) {
            out().println(answer.body());
            return;
        }
        Map<String, Object> a = answer.object();
        Map<?, ?> requester = a.get("requester") instanceof Map<?, ?> m ? m : Map.of();
        line("id", a.get("id"));
        line("kind", a.get("kind"));
        line("status", a.get("status"));
        line("requester", requester.get("subject") + chain(requester.get("chain")));
        line("actions", join(a.get("actions")));
        line("resources", join(a.get("resources")));
        if (a.get("region") != null && !a.get("region").toString().isEmpty()) {
            line("region", a.get("region"));
        }
        line("rule", a.get("rule"));
        line("reason", a.get("reason"));
        if (a.get("duration") != null) {
            line("duration", a.get("duration"));
        }
        line("approvals", approvals(a) + " from " + join(a.get("approver_groups")) + reviewers(a));
        line("created", a.get("created_at"));
        line("expires", a.get("expires_at"));
        if (a.get("resolution") != null) {
            line("resolution", a.get("resolution"));
        }
        line("request hash", a.get("request_hash"));
        line("review", a.get("review_url"));
    }

    /** Prints a list of approvals as a table, or its JSON. */
    void printTable(Answer answer) {
        if (json) {
            out().println(answer.body());
            return;
        }
        Object items = answer.object().get("approvals");
        List<?> rows = items instanceof List<?> list ? list : List.of();
        if (rows.isEmpty()) {
            out().println("No approvals.");
            return;
        }
        String[] header = {"ID", "STATUS", "KIND", "REQUESTER", "ACTIONS", "RESOURCES", "APPROVALS", "EXPIRES"};
        List<String[]> table = new java.util.ArrayList<>();
        table.add(header);
        for (Object row : rows) {
            Map<?, ?> a = (Map<?, ?>) row;
            Map<?, ?> requester = a.get("requester") instanceof Map<?, ?> m ? m : Map.of();
            table.add(new String[] {str(a.get("id")), str(a.get("status")), str(a.get("kind")),
                str(requester.get("subject")) + chain(requester.get("chain")), shorten(join(a.get("actions"))),
                shorten(join(a.get("resources"))), approvals(a), str(a.get("expires_at"))});
        }
        int[] widths = new int[header.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out().println(line.toString().stripTrailing());
        }
    }

    private void line(String name, Object value) {
        out().printf("%-13s %s%n", name + ":", value == null ? "" : value);
    }

    private static String approvals(Map<?, ?> a) {
        int given = a.get("approvals") instanceof List<?> l ? l.size() : 0;
        Object required = a.get("required_approvals");
        return given + "/" + (required instanceof Double d ? String.valueOf(d.intValue()) : str(required));
    }

    private static String reviewers(Map<?, ?> a) {
        if (!(a.get("approvals") instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        List<String> names = new java.util.ArrayList<>();
        list.forEach(r -> names.add(str(((Map<?, ?>) r).get("reviewer"))));
        return " (approved by " + String.join(", ", names) + ")";
    }

    private static String chain(Object chain) {
        return chain instanceof List<?> list && !list.isEmpty() ? " via " + join(list).replace(", ", " > ") : "";
    }

    static String join(Object values) {
        if (!(values instanceof List<?> list)) {
            return "";
        }
        List<String> strings = new java.util.ArrayList<>();
        list.forEach(v -> strings.add(str(v)));
        return String.join(", ", strings);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
