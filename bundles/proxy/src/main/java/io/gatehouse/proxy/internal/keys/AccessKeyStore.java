package io.gatehouse.proxy.internal.keys;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured client keys by access key id. Keys appear and disappear as their files in {@code etc/} do; a key
 * id configured twice is refused for both files' callers until the clash is resolved, rather than picking one.
 */
@Component(service = AccessKeyStore.class)
public final class AccessKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(AccessKeyStore.class);

    private final Map<String, ConfiguredAccessKey[]> byId = new HashMap<>();
    private volatile Map<String, ConfiguredAccessKey> snapshot = Map.of();

    /**
     * @param accessKeyId the id from the client's credential scope
     * @return the key, if exactly one is configured with that id
     */
    public Optional<ConfiguredAccessKey> find(String accessKeyId) {
        return Optional.ofNullable(snapshot.get(accessKeyId));
    }

    /**
     * @param key a configured key
     * @return its secret, for signature verification only
     */
    public String secretOf(ConfiguredAccessKey key) {
        return key.secret();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void bindKey(ConfiguredAccessKey key) {
        ConfiguredAccessKey[] existing = byId.getOrDefault(key.accessKeyId(), new ConfiguredAccessKey[0]);
        ConfiguredAccessKey[] next = java.util.Arrays.copyOf(existing, existing.length + 1);
        next[existing.length] = key;
        byId.put(key.accessKeyId(), next);
        publish();
    }

    public synchronized void unbindKey(ConfiguredAccessKey key) {
        ConfiguredAccessKey[] existing = byId.getOrDefault(key.accessKeyId(), new ConfiguredAccessKey[0]);
        ConfiguredAccessKey[] next = java.util.Arrays.stream(existing).filter(k -> k != key)
                .toArray(ConfiguredAccessKey[]::new);
        if (next.length == 0) {
            byId.remove(key.accessKeyId());
        } else {
            byId.put(key.accessKeyId(), next);
        }
        publish();
    }

    private void publish() {
        Map<String, ConfiguredAccessKey> next = new HashMap<>();
        byId.forEach((id, keys) -> {
            if (keys.length == 1) {
                next.put(id, keys[0]);
            } else {
                LOG.error("Access key id {} is configured in {} files; refusing it until only one remains", id,
                        keys.length);
            }
        });
        snapshot = Map.copyOf(next);
    }
}
