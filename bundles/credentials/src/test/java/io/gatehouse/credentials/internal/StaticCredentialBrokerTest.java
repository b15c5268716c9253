package io.gatehouse.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.credentials.UpstreamCredentials;
import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class StaticCredentialBrokerTest {

    @Test
    void yieldsTheConfiguredKeysAndNeverPrintsTheSecret() {
        UpstreamCredentials credentials = new StaticCredentialBroker(config("AKIDUP", "s3cr3t-value", ""))
                .credentialsFor(null, null, null).toCompletableFuture().join();

        assertThat(credentials.accessKeyId()).isEqualTo("AKIDUP");
        assertThat(credentials.secretAccessKey()).isEqualTo("s3cr3t-value");
        assertThat(credentials.sessionToken()).isEmpty();
        assertThat(credentials.toString()).contains("AKIDUP").doesNotContain("s3cr3t-value");
    }

    @Test
    void keepsASessionTokenOutOfItsTextForm() {
        UpstreamCredentials credentials = new StaticCredentialBroker(config("AKIDUP", "secret", "tok-123"))
                .credentialsFor(null, null, null).toCompletableFuture().join();

        assertThat(credentials.sessionToken()).contains("tok-123");
        assertThat(credentials.toString()).doesNotContain("tok-123");
    }

    @Test
    void refusesBlankKeys() {
        assertThatThrownBy(() -> new StaticCredentialBroker(config("AKIDUP", " ", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret.access.key is not set");
    }

    private static StaticCredentialsConfig config(String id, String secret, String token) {
        return new StaticCredentialsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StaticCredentialsConfig.class;
            }

            @Override
            public String access_key_id() {
                return id;
            }

            @Override
            public String secret_access_key() {
                return secret;
            }

            @Override
            public String session_token() {
                return token;
            }
        };
    }
}
