package io.gatehouse.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SameOriginCheckTest {

    private static final String HOST = "127.0.0.1:7701";

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "get"})
    void readsPassWithoutOrigin(String method) {
        assertThat(SameOriginCheck.refusal(method, "http", HOST, null, null)).isEmpty();
    }

    @Test
    void postFromTheConsoleItselfPasses() {
        assertThat(SameOriginCheck.refusal("POST", "http", HOST, "http://127.0.0.1:7701", null)).isEmpty();
        assertThat(SameOriginCheck.refusal("POST", "http", HOST, null,
                "http://127.0.0.1:7701/system/console/bundles")).isEmpty();
    }

    @Test
    void defaultPortsCompareEqual() {
        assertThat(SameOriginCheck.refusal("POST", "http", "console.example", "http://console.example:80", null))
                .isEmpty();
        assertThat(SameOriginCheck.refusal("POST", "https", "Console.Example", "https://console.example", null))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://127.0.0.1:7702", "https://127.0.0.1:7701", "null",
        "http://127.0.0.1.evil.example:7701", "not a url"})
    void postFromElsewhereIsRefused(String origin) {
        assertThat(SameOriginCheck.refusal("POST", "http", HOST, origin, null)).isPresent();
    }

    @Test
    void originWinsOverAMatchingReferer() {
        assertThat(SameOriginCheck.refusal("POST", "http", HOST, "http://evil.example",
                "http://127.0.0.1:7701/system/console")).get().asString().contains("Origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "POST"})
    void stateChangesWithoutOriginOrRefererAreRefused(String method) {
        assertThat(SameOriginCheck.refusal(method, "http", HOST, null, null)).get().asString()
                .contains("Origin: http://127.0.0.1:7701");
    }

    @Test
    void missingHostIsRefused() {
        assertThat(SameOriginCheck.refusal("POST", "http", null, "http://127.0.0.1:7701", null)).isPresent();
    }
}
