package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Runs the same CLI command through Gatehouse and directly against a second, fresh server, and asserts both sides
 * answered alike: the same exit code, then the same JSON once the {@code volatile} fields (anywhere in the tree) are
 * blanked, or the same text once {@code yyyy-MM-dd HH:mm:ss} timestamps are, or the same error message. Downloads go
 * to a file per side, which must hash alike. Shared by the S3 and Kinesis "same session" tests.
 */
final class CliComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsCli throughGatehouse;
    private final AwsCli direct;
    private final Set<String> volatileFields;
    private final Path files;

    /**
     * @param volatileFields JSON field names whose values differ between any two servers
     * @param files where downloads go ({@code NAME-gateway.out}, {@code NAME-direct.out})
     */
    CliComparison(AwsCli throughGatehouse, AwsCli direct, Set<String> volatileFields, Path files) {
        this.throughGatehouse = throughGatehouse;
        this.direct = direct;
        this.volatileFields = Set.copyOf(volatileFields);
        this.files = files;
    }

    /** Both sides answer alike in JSON; returns both answers, through Gatehouse first. */
    AwsCli.Result[] same(String... args) throws JsonProcessingException {
        AwsCli.Result gateway = throughGatehouse.run(args);
        AwsCli.Result expected = direct.run(args);
        compare(String.join(" ", args), gateway, expected, true);
        return new AwsCli.Result[] {gateway, expected};
    }

    /** Both sides answer alike in text (the high-level {@code aws s3} commands). */
    void sameText(String... args) throws JsonProcessingException {
        compare(String.join(" ", args), throughGatehouse.run(args), direct.run(args), false);
    }

    /**
     * Runs a download with {@code {out}} replaced by a file per side; the answers (JSON for {@code s3api}) and the
     * files must be equal, and the direct side must have succeeded.
     */
    void sameDownload(String name, String... args) throws JsonProcessingException {
        AwsCli.Result gateway = throughGatehouse.run(withOut(args, downloaded(name, "gateway")));
        AwsCli.Result expected = direct.run(withOut(args, downloaded(name, "direct")));
        compare(String.join(" ", args), gateway, expected, "s3api".equals(args[0]));
        assertThat(expected.ok()).as("%s directly: %s", name, expected).isTrue();
        assertThat(S3Cli.sha256(downloaded(name, "gateway"))).as("%s: content through Gatehouse", name)
                .isEqualTo(S3Cli.sha256(downloaded(name, "direct")));
    }

    /** The file a download of {@code side} ({@code gateway} or {@code direct}) went to. */
    Path downloaded(String name, String side) {
        return files.resolve(name + "-" + side + ".out");
    }

    /** Asserts that two answers to {@code aws COMMAND} are alike (see the class comment). */
    void compare(String command, AwsCli.Result gateway, AwsCli.Result expected, boolean json)
            throws JsonProcessingException {
        assertThat(gateway.exitCode()).as("aws %s: exit code through Gatehouse vs direct:\n%s\n=== direct:\n%s",
                command, gateway, expected).isEqualTo(expected.exitCode());
        if (expected.ok()) {
            Object through = json ? normalisedJson(gateway.stdout()) : normalisedText(gateway.stdout());
            Object directly = json ? normalisedJson(expected.stdout()) : normalisedText(expected.stdout());
            assertThat(through).as("aws %s: answer through Gatehouse vs direct", command).isEqualTo(directly);
        } else {
            assertThat(gateway.stderr().strip()).as("aws %s: error through Gatehouse vs direct", command)
                    .isEqualTo(expected.stderr().strip());
        }
    }

    private static String[] withOut(String[] args, Path out) {
        return Arrays.stream(args).map(arg -> "{out}".equals(arg) ? out.toString() : arg).toArray(String[]::new);
    }

    private static String normalisedText(String stdout) {
        return stdout.replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "<time>");
    }

    private JsonNode normalisedJson(String stdout) throws JsonProcessingException {
        if (stdout.isBlank()) {
            return JSON.missingNode();
        }
        JsonNode tree = JSON.readTree(stdout);
        blank(tree);
        return tree;
    }

    private void blank(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (volatileFields.contains(field.getKey())) {
                    field.setValue(JSON.getNodeFactory().textNode("<volatile>"));
                } else {
                    blank(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(this::blank);
        }
    }
}
