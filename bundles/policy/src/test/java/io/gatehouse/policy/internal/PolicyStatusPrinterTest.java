package io.gatehouse.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.api.policy.RuleSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.inventory.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStatusPrinterTest {

    @TempDir
    Path dir;

    @Test
    void showsVersionsRuleCountsAndProblems() throws Exception {
        Files.writeString(dir.resolve("main.yaml"), "rules:\n  - { id: a, effect: allow, actions: ['*'], resources: ['*'] }\n");
        FilePolicySource files = new FilePolicySource(dir, 60_000);
        try {
            PolicyStatusPrinter printer = new PolicyStatusPrinter();
            printer.addSource(files);
            printer.addSource(() -> new RuleSet("grants", "3", List.of()));
            printer.addFiles(files);
            assertThat(print(printer)).contains("Policy version: files@" + files.rules().version() + ",grants@3",
                    "  files@" + files.rules().version() + ": 1 rules", "  grants@3: 0 rules",
                    "Policy folder: " + dir, "in force as it is on disk");

            Files.writeString(dir.resolve("main.yaml"), "rules: 7\n");
            files.pollNow();
            assertThat(print(printer)).contains("REJECTED: the last good rules (files@" + files.rules().version()
                    + ") stay in force", "main.yaml:1:8: rules: expected a list of rules");
        } finally {
            files.stop();
        }
    }

    @Test
    void withoutSourceItSaysEverythingIsDenied() {
        assertThat(print(new PolicyStatusPrinter())).contains("Policy version: none",
                "No policy source is active: every call is denied.");
    }

    private static String print(PolicyStatusPrinter printer) {
        StringWriter text = new StringWriter();
        printer.print(new PrintWriter(text), Format.TEXT, false);
        return text.toString();
    }
}
