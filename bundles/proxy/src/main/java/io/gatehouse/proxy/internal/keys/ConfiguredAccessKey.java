package io.gatehouse.proxy.internal.keys;

import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** One configured client key; one component instance per {@code io.gatehouse.proxy.accesskey-NAME.cfg} file. */
@Component(service = ConfiguredAccessKey.class, configurationPid = AccessKeyConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AccessKeyConfig.class, factory = true)
public final class ConfiguredAccessKey {

    private static final Pattern KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final int MIN_SECRET = 16;

    private final String accessKeyId;
    private final String secret;
    private final String subject;
    private final Set<String> groups;

    /**
     * @param config the key's configuration
     * @throws IllegalArgumentException when the key id or secret has the wrong shape (the key stays inactive)
     */
    @Activate
    public ConfiguredAccessKey(AccessKeyConfig config) {
        this(config.access_key_id(), config.secret_access_key(), config.subject(), config.groups());
    }

    public ConfiguredAccessKey(String accessKeyId, String secret, String subject, String groups) {
        if (accessKeyId == null || !KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("access.key.id must be 16 to 128 characters of A-Z and 0-9");
        }
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("secret.access.key must have at least " + MIN_SECRET + " characters");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be empty");
        }
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.subject = subject.trim();
        this.groups = Arrays.stream(groups == null ? new String[0] : groups.split(","))
                .map(String::trim).filter(group -> !group.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** @return the access key id */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** @return the secret the client signs with */
    String secret() {
        return secret;
    }

    /** @return who uses the key */
    public String subject() {
        return subject;
    }

    /** @return the subject's groups */
    public Set<String> groups() {
        return groups;
    }
}
