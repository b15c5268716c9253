package io.gatehouse.plugins.approval.webhook.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.gatehouse.approval.webhook-NAME.cfg}: one incoming webhook (Slack or compatible) per file. */
@ObjectClassDefinition(id = WebhookConfig.PID, name = "Gatehouse approval webhook",
        description = "Posts approval notices to a Slack-compatible incoming webhook")
public @interface WebhookConfig {

    /** The factory PID. */
    String PID = "io.gatehouse.approval.webhook";

    @AttributeDefinition(name = "URL", description = "The incoming-webhook URL (http or https). It usually holds a "
            + "secret: it is never logged beyond its host.", type = AttributeType.PASSWORD)
    String url();

    @AttributeDefinition(name = "Timeout (s)", description = "Connect and answer timeout of one post", min = "1",
            max = "120")
    int timeout_seconds() default 10;

    @AttributeDefinition(name = "Console base URL", description = "Base of the review links in messages, e.g. "
            + "https://gatehouse.example.com; empty: the approval's own review URL (the gate's control.base.url)",
            required = false)
    String console_base_url() default "";
}
