package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the ARNs a request touches, in request order and without duplicates. Not thread-safe: one per call. */
final class ResourceSet {

    private final ResourceNames names;
    private final Set<String> arns = new LinkedHashSet<>();

    ResourceSet(ResourceNames names) {
        this.names = names;
    }

    ResourceNames names() {
        return names;
    }

    /** Adds a table given by name or ARN and returns its ARN. */
    String table(String nameOrArn, String where) throws DecodeException {
        return add(names.table(nameOrArn, where));
    }

    /** Adds an index of a table already added and returns its ARN. */
    String index(String tableArn, String indexName, String where) throws DecodeException {
        return add(names.index(tableArn, indexName, where));
    }

    /** Adds an ARN the request names directly, after checking that it is one. */
    String arn(String arn, String where) throws DecodeException {
        return add(names.arn(arn, where));
    }

    String add(String arn) {
        arns.add(arn);
        return arn;
    }

    List<String> toList() {
        return List.copyOf(arns);
    }
}
