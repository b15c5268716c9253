package io.gatehouse.approval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.approval.ApprovalView;
import io.gatehouse.api.approval.ApprovalView.Kind;
import io.gatehouse.api.approval.ApprovalView.Review;
import io.gatehouse.api.approval.ApprovalView.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * JSON of approvals: the view the control API answers with, and the journal record a restart reads back.
 */
public final class ApprovalJson {

    /** The shared mapper (thread safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ApprovalJson() {
    }

    /**
     * @param view an approval
     * @return its JSON for reviewers, callers and channels
     */
    public static ObjectNode view(ApprovalView view) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", view.id());
        json.put("kind", view.kind().name());
        json.put("status", view.status().name());
        ObjectNode requester = json.putObject("requester");
        requester.put("subject", view.requesterSubject());
        strings(requester.putArray("chain"), view.requesterChain());
        strings(json.putArray("actions"), view.actions());
        strings(json.putArray("resources"), view.resources());
        json.put("region", view.region());
        json.put("rule", view.rule());
        json.put("reason", view.reason());
        json.put("request_hash", view.requestHash());
        json.put("created_at", view.createdAt().toString());
        json.put("expires_at", view.expiresAt().toString());
        ArrayNode reviews = json.putArray("approvals");
        for (Review review : view.reviews()) {
            ObjectNode r = reviews.addObject();
            r.put("reviewer", review.reviewer());
            strings(r.putArray("reviewer_chain"), review.reviewerChain());
            r.put("at", review.at().toString());
        }
        json.put("required_approvals", view.requiredApprovals());
        strings(json.putArray("approver_groups"), new TreeSet<>(view.approverGroups()));
        view.grantDuration().ifPresent(d -> json.put("duration", d.toString()));
        view.resolvedAt().ifPresent(t -> json.put("resolved_at", t.toString()));
        if (!view.resolution().isEmpty()) {
            json.put("resolution", view.resolution());
        }
        json.put("review_url", view.reviewUrl());
        return json;
    }

    /** The journal record of an approval: everything needed to rebuild it, one line. */
    static String record(Approval approval) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", approval.id);
        json.put("kind", approval.kind.name());
        json.put("status", approval.status.name());
        json.put("subject", approval.subject);
        strings(json.putArray("chain"), approval.chain);
        strings(json.putArray("actions"), approval.actions);
        strings(json.putArray("resources"), approval.resources);
        json.put("region", approval.region);
        json.put("rule", approval.rule);
        json.put("reason", approval.reason);
        json.put("hash", approval.requestHash);
        json.put("created", approval.createdAt.toString());
        json.put("expires", approval.expiresAt.toString());
        json.put("required", approval.required);
        strings(json.putArray("groups"), new TreeSet<>(approval.approverGroups));
        json.put("validity", approval.validity.toString());
        approval.grantDuration.ifPresent(d -> json.put("grant", d.toString()));
        ArrayNode reviews = json.putArray("reviews");
        for (Review review : approval.reviews.values()) {
            ObjectNode r = reviews.addObject();
            r.put("reviewer", review.reviewer());
            strings(r.putArray("chain"), review.reviewerChain());
            r.put("at", review.at().toString());
        }
        approval.resolvedAt.ifPresent(t -> json.put("resolved", t.toString()));
        json.put("resolution", approval.resolution);
        return json.toString();
    }

    /** Rebuilds an approval from its journal record. */
    static Approval fromRecord(JsonNode json) {
        Approval approval = new Approval(text(json, "id"), Kind.valueOf(text(json, "kind")), text(json, "subject"),
                list(json.get("chain")), list(json.get("actions")), list(json.get("resources")),
                text(json, "region"), text(json, "rule"), text(json, "reason"), text(json, "hash"),
                Instant.parse(text(json, "created")), json.get("required").asInt(), Set.copyOf(list(json.get("groups"))),
                Duration.parse(text(json, "validity")),
                json.hasNonNull("grant") ? Optional.of(Duration.parse(text(json, "grant"))) : Optional.empty());
        approval.status = Status.valueOf(text(json, "status"));
        approval.expiresAt = Instant.parse(text(json, "expires"));
        for (JsonNode r : json.get("reviews")) {
            approval.reviews.put(text(r, "reviewer"), new Review(text(r, "reviewer"), list(r.get("chain")),
                    Instant.parse(text(r, "at"))));
        }
        approval.resolvedAt = json.hasNonNull("resolved") ? Optional.of(Instant.parse(text(json, "resolved")))
                : Optional.empty();
        approval.resolution = text(json, "resolution");
        return approval;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value.asText();
    }

    static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
