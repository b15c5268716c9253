package io.gatehouse.plugins.approval.webhook.internal;

import io.gatehouse.api.approval.ApprovalChannel;
import io.gatehouse.api.approval.ApprovalView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a Slack-compatible message to an incoming webhook when an approval is announced and when it is resolved.
 * A post that fails or answers other than 2xx throws, and the approval gate retries it with back-off; the approval
 * itself is never affected. One instance per {@code etc/io.gatehouse.approval.webhook-NAME.cfg}.
 */
@Component(service = ApprovalChannel.class, configurationPid = WebhookConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = ApprovalChannel.NAME + "=webhook")
@Designate(ocd = WebhookConfig.class, factory = true)
public final class WebhookChannel implements ApprovalChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);

    private final URI url;
    private final Duration timeout;
    private final String consoleBaseUrl;
    private final HttpClient client;

    /** @param config the webhook configuration */
    @Activate
    public WebhookChannel(WebhookConfig config) {
        this(URI.create(config.url().strip()), Duration.ofSeconds(config.timeout_seconds()),
                config.console_base_url());
    }

    /**
     * @param url the incoming-webhook URL, http or https
     * @param timeout connect and answer timeout of one post
     * @param consoleBaseUrl base of review links, or empty for the approval's review URL
     */
    public WebhookChannel(URI url, Duration timeout, String consoleBaseUrl) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("The approval webhook url must be an http or https URL with a host");
        }
        this.url = url;
        this.timeout = timeout;
        this.consoleBaseUrl = consoleBaseUrl == null ? "" : consoleBaseUrl.strip().replaceAll("/+$", "");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        LOG.info("Approval webhook to {} ready", url.getHost());
    }

    String reviewUrl(ApprovalView view) {
        return consoleBaseUrl.isEmpty() ? view.reviewUrl() : consoleBaseUrl + "/api/v1/approvals/" + view.id();
    }

    @Override
    public void announce(ApprovalView approval) throws IOException, InterruptedException {
        post(SlackMessage.of(approval, reviewUrl(approval), true));
    }

    @Override
    public void resolved(ApprovalView approval) throws IOException, InterruptedException {
        post(SlackMessage.of(approval, reviewUrl(approval), false));
    }

    private void post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new IOException("the webhook at " + url.getHost() + " answered HTTP " + response.statusCode()
                    + (body == null || body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))
                            .replaceAll("[\\r\\n]+", " ")));
        }
    }

    @Override
    public String toString() {
        return "WebhookChannel[" + url.getHost() + "]";
    }
}
