package io.gatehouse.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what a client saw and checks it, and the gateway's logs, for credentials that must never
 * be there: the upstream key id and secret (in responses and logs) and the client's secret (anywhere).
 */
final class SecretScan {

    private final List<String> clientSaw = new ArrayList<>();

    void clientSaw(AwsCli.Result result) {
        clientSaw.add(result.stdout());
        clientSaw.add(result.stderr());
    }

    void clientSaw(RawDynamoDbCall.Response response) {
        clientSaw.add(response.headers().toString());
        clientSaw.add(response.body());
    }

    int responses() {
        return clientSaw.size();
    }

    void assertClean(GatewayChain<?> stack) {
        String responses = String.join("\n", clientSaw);
        String log = stack.gatehouse.logText();
        Map<String, String> forbidden = Map.of(
                "upstream secret", stack.upstreamKey.secret(),
                "upstream key id", stack.upstreamKey.id(),
                "client secret", stack.clientKey.secret());
        forbidden.forEach((what, value) -> {
            assertThat(responses).as("%s in %d client responses", what, clientSaw.size()).doesNotContain(value);
            assertThat(log).as("%s in the Gatehouse log", what).doesNotContain(value);
        });
        assertThat(log).as("the Gatehouse log is empty: nothing was scanned").isNotBlank();
    }
}
