package io.gatehouse.proxy.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessKeyStoreTest {

    private final AccessKeyStore store = new AccessKeyStore();

    @Test
    void findsAConfiguredKeyWithItsSubjectAndGroups() {
        ConfiguredAccessKey key = new ConfiguredAccessKey("GHCLIENTKEY00001", "0123456789abcdef0123", "alice",
                " dev, ops ,,");
        store.bindKey(key);

        assertThat(store.find("GHCLIENTKEY00001")).containsSame(key);
        assertThat(key.subject()).isEqualTo("alice");
        assertThat(key.groups()).containsExactlyInAnyOrder("dev", "ops");
        assertThat(store.secretOf(key)).isEqualTo("0123456789abcdef0123");
        assertThat(store.find("GHCLIENTKEY00002")).isEmpty();
    }

    @Test
    void aKeyIdConfiguredTwiceIsRefusedUntilOneIsRemoved() {
        ConfiguredAccessKey first = new ConfiguredAccessKey("GHCLIENTKEY00001", "0123456789abcdef0123", "alice", "");
        ConfiguredAccessKey second = new ConfiguredAccessKey("GHCLIENTKEY00001", "ffffffffffffffffffff", "mallory", "");
        store.bindKey(first);
        store.bindKey(second);

        assertThat(store.find("GHCLIENTKEY00001")).isEmpty();

        store.unbindKey(second);
        assertThat(store.find("GHCLIENTKEY00001")).containsSame(first);
        store.unbindKey(first);
        assertThat(store.find("GHCLIENTKEY00001")).isEmpty();
    }

    @Test
    void refusesWeakOrMalformedKeys() {
        assertThatThrownBy(() -> new ConfiguredAccessKey("short", "0123456789abcdef", "a", ""))
                .hasMessageContaining("access.key.id");
        assertThatThrownBy(() -> new ConfiguredAccessKey("GHCLIENTKEY00001", "tooshort", "a", ""))
                .hasMessageContaining("secret.access.key");
        assertThatThrownBy(() -> new ConfiguredAccessKey("GHCLIENTKEY00001", "0123456789abcdef", " ", ""))
                .hasMessageContaining("subject");
    }
}
