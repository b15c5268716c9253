package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.plugins.aws.support.json.StrictJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.RequestView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The adapter of one service table: finds the operation (from {@code X-Amz-Target} for JSON 1.0/1.1, from the
 * method and path for REST-JSON), reads the body strictly, and resolves every resource rule of the operation into
 * ARNs. One instance is registered per table by {@link ServiceTableExtender}. Stateless and thread-safe.
 */
final class TableAdapter implements ServiceAdapter {

    private static final String TARGET = "X-Amz-Target";

    private final ServiceTable table;
    private final StrictJson json;
    private final Map<String, Operation> byAction = new LinkedHashMap<>();

    TableAdapter(ServiceTable table, int maxNestingDepth) {
        this.table = table;
        this.json = new StrictJson(maxNestingDepth);
        table.operations().forEach(operation -> byAction.putIfAbsent(operation.action(), operation));
    }

    ServiceTable table() {
        return table;
    }

    @Override
    public Protocol protocol() {
        return table.protocol();
    }

    @Override
    public AwsOperation decode(RequestView request, DecodeContext context) throws DecodeException {
        Map<String, String> pathVariables = new LinkedHashMap<>();
        Operation operation = table.isRest() ? route(request, pathVariables) : target(request);
        ObjectNode body = body(request, operation);
        Map<String, String> query = table.isRest() ? PercentDecoding.query(request.rawQuery()) : Map.of();
        RequestMembers members = new RequestMembers(body, pathVariables, query, request.headers());
        Set<String> resources = new LinkedHashSet<>();
        for (ResourceRule rule : operation.resources()) {
            resources.addAll(resolve(rule, members, context));
        }
        return new AwsOperation(context.service(), operation.action(), context.region(), List.copyOf(resources),
                parameters(members));
    }

    private Operation target(RequestView request) throws DecodeException {
        List<String> targets = request.headers().all(TARGET);
        if (targets.size() != 1) {
            throw Messages.unknown(targets.isEmpty()
                    ? "The request has no X-Amz-Target header; " + table.service() + " calls name their action as "
                            + "X-Amz-Target: " + table.targetPrefix() + "<Action>"
                    : "The request has " + targets.size() + " X-Amz-Target headers; send exactly one");
        }
        String target = targets.get(0);
        if (!target.startsWith(table.targetPrefix())) {
            throw Messages.unknown("X-Amz-Target '" + Messages.printable(target) + "' is not a " + table.service()
                    + " action; expected " + table.targetPrefix() + "<Action>");
        }
        Operation operation = byAction.get(target.substring(table.targetPrefix().length()));
        if (operation == null) {
            throw Messages.unknown("Unknown " + table.service() + " action '"
                    + Messages.printable(target.substring(table.targetPrefix().length())) + "'");
        }
        return operation;
    }

    private Operation route(RequestView request, Map<String, String> variables) throws DecodeException {
        List<String> path = PercentDecoding.pathSegments(request.rawPath());
        Operation found = null;
        for (Operation operation : table.operations()) {
            Optional<Map<String, String>> match = operation.route().match(request.method(), path);
            if (match.isPresent()) {
                if (found != null) {
                    throw Messages.unknown(Messages.printable(request.method()) + " "
                            + Messages.printable(request.rawPath()) + " is ambiguous: it is both " + found.action()
                            + " and " + operation.action());
                }
                found = operation;
                variables.putAll(match.get());
            }
        }
        if (found == null) {
            throw Messages.unknown(Messages.printable(request.method()) + " " + Messages.printable(request.rawPath())
                    + " is not a known " + table.service() + " operation");
        }
        return found;
    }

    private ObjectNode body(RequestView request, Operation operation) throws DecodeException {
        if (operation.opaqueBody() || table.isRest() && request.body().length() == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        return json.readObject(request.body().bytes(), "Request body");
    }

    private List<String> resolve(ResourceRule rule, RequestMembers members, DecodeContext context)
            throws DecodeException {
        List<String> arns = new ArrayList<>();
        RequestMembers.Value first = null;
        for (String reference : rule.from()) {
            for (RequestMembers.Value value : members.strings(reference)) {
                String arn = arn(rule, value, members, context);
                if (reference.endsWith("[]")) {
                    arns.add(arn);
                } else if (first == null) {
                    first = value;
                    arns.add(arn);
                } else if (!arns.get(0).equals(arn)) {
                    throw new DecodeException(DecodeException.VALIDATION, first.where() + " and " + value.where()
                            + " name different resources (" + arns.get(0) + " and " + arn + "); give one of them");
                }
            }
        }
        if (arns.isEmpty() && !rule.optional()) {
            throw new DecodeException(DecodeException.VALIDATION, String.join(" or ", rule.from()) + " is required");
        }
        return arns;
    }

    private String arn(ResourceRule rule, RequestMembers.Value value, RequestMembers members, DecodeContext context)
            throws DecodeException {
        ResourceType.Resolved resolved = rule.type().resolve(value.text(), value.where(), context, table.service());
        if (rule.qualifier() == null) {
            return resolved.arn();
        }
        List<RequestMembers.Value> qualifiers = members.strings(rule.qualifier());
        if (qualifiers.isEmpty()) {
            return resolved.arn();
        }
        RequestMembers.Value qualifier = qualifiers.get(0);
        rule.type().checkQualifier(qualifier.text(), qualifier.where());
        if (resolved.qualifier().isPresent()) {
            if (!resolved.qualifier().get().equals(qualifier.text())) {
                throw new DecodeException(DecodeException.VALIDATION, value.where() + " and " + qualifier.where()
                        + " give different qualifiers; give one of them");
            }
            return resolved.arn();
        }
        return resolved.arn() + ":" + qualifier.text();
    }

    private Map<String, String> parameters(RequestMembers members) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : table.parameters().entrySet()) {
            members.scalar(parameter.getKey()).ifPresent(value -> parameters.put(parameter.getValue(), value));
        }
        for (Map.Entry<String, String> count : table.counts().entrySet()) {
            members.count(count.getValue()).ifPresent(size -> parameters.put(count.getKey(), Integer.toString(size)));
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "TableAdapter[" + table.service() + " from " + table.source() + "]";
    }
}
