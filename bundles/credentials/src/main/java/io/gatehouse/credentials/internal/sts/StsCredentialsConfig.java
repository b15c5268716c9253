package io.gatehouse.credentials.internal.sts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of {@link StsCredentialBroker}: {@code etc/io.gatehouse.credentials.sts.cfg}. Every key is described
 * in {@code bundles/credentials/README.md}.
 */
@ObjectClassDefinition(id = StsCredentialsConfig.PID, name = "Gatehouse STS upstream credentials",
        description = "Short-lived credentials per allowed call: AssumeRole with a session policy of exactly the "
                + "decided action and resources, the caller as SourceIdentity and the delegation chain as tags.")
public @interface StsCredentialsConfig {

    /** The configuration PID. */
    String PID = "io.gatehouse.credentials.sts";

    /** @return the role assumed when neither the rule nor a group maps to one; empty for none */
    @AttributeDefinition(name = "Default role", required = false,
            description = "Role ARN assumed when neither the deciding rule nor a group of the caller maps to a "
                    + "role. Empty: such calls are refused.")
    String role_default() default "";

    /** @return {@code RULE=ROLE_ARN} entries */
    @AttributeDefinition(name = "Role by rule", required = false,
            description = "RULE_ID=ROLE_ARN entries, comma separated, e.g. prod-delete=arn:aws:iam::123456789012:"
                    + "role/gatehouse-prod-delete. The rule that allowed the call wins over groups and the default.")
    String[] role_by_rule() default {};

    /** @return {@code GROUP=ROLE_ARN} entries, first match wins */
    @AttributeDefinition(name = "Role by group", required = false,
            description = "GROUP=ROLE_ARN entries, comma separated, e.g. sre=arn:aws:iam::123456789012:role/"
                    + "gatehouse-sre. When several groups of the caller are listed, the first listed entry wins.")
    String[] role_by_group() default {};

    /** @return the region of the STS endpoint */
    @AttributeDefinition(name = "STS region", description = "Region of the STS endpoint that is called.")
    String sts_region() default "us-east-1";

    /** @return an STS endpoint URL overriding the regional one; empty for the SDK's regional endpoint */
    @AttributeDefinition(name = "STS endpoint", required = false,
            description = "URL of STS, e.g. https://sts.eu-west-1.amazonaws.com or a VPC endpoint. Empty: the "
                    + "regional endpoint of the STS region.")
    String sts_endpoint() default "";

    /** @return the access key id of the base credentials; empty for the SDK's default provider chain */
    @AttributeDefinition(name = "Base access key id", required = false,
            description = "Access key id Gatehouse calls STS with. Empty: the AWS SDK default provider chain "
                    + "(environment, profile, web identity, container or instance role).")
    String base_access_key_id() default "";

    /** @return the secret of the base credentials */
    @AttributeDefinition(name = "Base secret access key", required = false, type = AttributeType.PASSWORD,
            description = "Secret of the base access key; required when base.access.key.id is set.")
    String base_secret_access_key() default "";

    /** @return the session token of temporary base credentials */
    @AttributeDefinition(name = "Base session token", required = false, type = AttributeType.PASSWORD,
            description = "Session token when the base keys are temporary.")
    String base_session_token() default "";

    /** @return the lifetime of assumed-role credentials in seconds */
    @AttributeDefinition(name = "Duration (s)", min = "900", max = "43200",
            description = "DurationSeconds of each AssumeRole: 900 (the shortest STS allows) up to the role's "
                    + "maximum session duration.")
    int duration_seconds() default 900;

    /** @return how long before expiry cached credentials stop being handed out, in seconds */
    @AttributeDefinition(name = "Refresh margin (s)", min = "0",
            description = "Cached credentials expiring within this margin are never used; a new AssumeRole is "
                    + "made instead. Must be shorter than the duration.")
    int refresh_margin_seconds() default 300;

    /** @return the most cached scopes */
    @AttributeDefinition(name = "Cache size", min = "1",
            description = "Most cached credential sets (one per role, session policy, source identity and tags).")
    int cache_max_entries() default 1000;

    /** @return threads calling STS */
    @AttributeDefinition(name = "STS threads", min = "1", max = "64",
            description = "Threads that call STS; request threads never wait for STS.")
    int sts_threads() default 4;

    /** @return AssumeRole calls that may wait for a thread */
    @AttributeDefinition(name = "STS queue", min = "1",
            description = "AssumeRole calls that may wait for a free STS thread; beyond it calls are refused.")
    int sts_queue() default 256;

    /** @return the time limit of one AssumeRole including retries, in seconds */
    @AttributeDefinition(name = "STS timeout (s)", min = "1", max = "120",
            description = "Time limit of one AssumeRole, retries included.")
    int sts_timeout_seconds() default 10;

    /** @return attempts per AssumeRole */
    @AttributeDefinition(name = "STS attempts", min = "1", max = "10",
            description = "Attempts per AssumeRole (throttling and 5xx are retried with backoff).")
    int sts_max_attempts() default 3;

    /** @return whether the chain tags are transitive */
    @AttributeDefinition(name = "Transitive tags",
            description = "Mark the gatehouse:subject and gatehouse:chain tags transitive, so they stay on any "
                    + "role the session chains to.")
    boolean tags_transitive() default true;
}
