package io.gatehouse.plugins.approval.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.approval.ApprovalView;
import java.util.List;
import java.util.TreeSet;

/**
 * The Slack incoming-webhook message of an approval notice: a plain {@code text} (for notifications and clients
 * without blocks) and {@code blocks} with a section naming requester, action, resources and rule, and a link to the
 * review URL. Approvals hold no secrets and never a request body; values are escaped for Slack's mrkdwn.
 */
final class SlackMessage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RESOURCES = 10;

    private SlackMessage() {
    }

    static String of(ApprovalView view, String reviewUrl, boolean announce) {
        String what = (view.kind() == ApprovalView.Kind.GRANT ? "Grant " : "Approval ") + view.id();
        String headline = announce
                ? (view.kind() == ApprovalView.Kind.GRANT ? "Grant requested" : "Approval needed") + ": "
                        + requester(view) + " wants " + String.join(", ", view.actions())
                : what + " " + view.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (view.resolution().isEmpty() ? "" : " (" + view.resolution() + ")");
        StringBuilder details = new StringBuilder();
        details.append("*").append(escape(headline)).append("*\n");
        details.append("*Requester:* ").append(escape(requester(view))).append('\n');
        details.append("*Action:* ").append(code(view.actions())).append('\n');
        details.append("*Resources:* ").append(code(view.resources())).append('\n');
        if (!view.region().isEmpty()) {
            details.append("*Region:* ").append(escape(view.region())).append('\n');
        }
        details.append("*Rule:* ").append(escape(view.rule()));
        if (!view.reason().isEmpty()) {
            details.append(" — ").append(escape(view.reason()));
        }
        details.append('\n');
        view.grantDuration().ifPresent(d -> details.append("*Duration:* ").append(d).append('\n'));
        details.append("*Needs:* ").append(view.requiredApprovals()).append(" approval(s) from ")
                .append(escape(String.join(", ", new TreeSet<>(view.approverGroups()))));
        if (!view.reviews().isEmpty()) {
            details.append(" — approved so far by ").append(escape(String.join(", ", view.reviews().stream()
                    .map(ApprovalView.Review::reviewer).toList())));
        }
        details.append('\n');
        details.append(announce ? "*Expires:* " : "*Status:* ").append(announce ? view.expiresAt().toString()
                : view.status().name());

        ObjectNode message = MAPPER.createObjectNode();
        message.put("text", headline + " — " + reviewUrl);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", details.toString());
        ObjectNode link = blocks.addObject();
        link.put("type", "section");
        ObjectNode linkText = link.putObject("text");
        linkText.put("type", "mrkdwn");
        linkText.put("text", "<" + reviewUrl + "|Review " + escape(what) + ">");
        return message.toString();
    }

    private static String requester(ApprovalView view) {
        return view.requesterSubject() + (view.requesterChain().isEmpty() ? ""
                : " (via " + String.join(" → ", view.requesterChain()) + ")");
    }

    private static String code(List<String> values) {
        List<String> shown = values.size() > MAX_RESOURCES ? values.subList(0, MAX_RESOURCES) : values;
        StringBuilder text = new StringBuilder();
        for (String value : shown) {
            text.append(text.length() == 0 ? "" : ", ").append('`').append(escape(value.replace("`", "'")))
                    .append('`');
        }
        if (values.size() > shown.size()) {
            text.append(" and ").append(values.size() - shown.size()).append(" more");
        }
        return text.toString();
    }

    /** Slack mrkdwn control characters: &amp;, &lt;, &gt;. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
