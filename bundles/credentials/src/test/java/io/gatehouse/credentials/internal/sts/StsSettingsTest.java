package io.gatehouse.credentials.internal.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as DS hands it over: defaults, validation, base keys. */
class StsSettingsTest {

    @Test
    void defaultsAreTheShortestDurationAndTheDefaultProviderChain() {
        StsSettings settings = StsSettings.from(config(Map.of("role_default", "arn:aws:iam::123456789012:role/r")));

        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(900));
        assertThat(settings.refreshMargin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.baseKeys()).isEmpty();
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.region()).isEqualTo("us-east-1");
    }

    @Test
    void staticBaseKeysAndEndpointAreRead() {
        StsSettings settings = StsSettings.from(config(Map.of("base_access_key_id", "AKIABASE",
                "base_secret_access_key", "s3cr3t", "sts_endpoint", "http://127.0.0.1:4566", "sts_region",
                "eu-west-1")));

        assertThat(settings.baseKeys()).hasValueSatisfying(keys -> {
            assertThat(keys.accessKeyId()).isEqualTo("AKIABASE");
            assertThat(keys.toString()).doesNotContain("s3cr3t");
        });
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void invalidValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> StsSettings.from(config(Map.of("base_access_key_id", "AKIA"))))
                .hasMessageContaining("base.secret.access.key");
        assertThatThrownBy(() -> StsSettings.from(config(Map.of("duration_seconds", 600))))
                .hasMessageContaining("duration.seconds");
        assertThatThrownBy(() -> StsSettings.from(config(Map.of("refresh_margin_seconds", 900))))
                .hasMessageContaining("refresh.margin.seconds");
        assertThatThrownBy(() -> StsSettings.from(config(Map.of("sts_endpoint", "sts.local"))))
                .hasMessageContaining("sts.endpoint");
    }

    /** A configuration with the annotation's defaults, overridden by method name. */
    static StsCredentialsConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        return (StsCredentialsConfig) Proxy.newProxyInstance(StsCredentialsConfig.class.getClassLoader(),
                new Class<?>[] {StsCredentialsConfig.class}, (proxy, method, args) -> {
                    if (all.containsKey(method.getName())) {
                        return all.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
    }
}
