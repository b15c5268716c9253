package io.gatehouse.api.adapter;

import java.util.Objects;

/**
 * Facts about a call that an adapter needs to build resource ARNs and that do not come from its body.
 *
 * @param service the SigV4 signing name from the client's credential scope
 * @param region the region from the client's credential scope
 * @param accountId the AWS account of the upstream the call goes to
 * @param partition the AWS partition, e.g. {@code aws}
 * @since 1.0
 */
public record DecodeContext(String service, String region, String accountId, String partition) {

    /** Validates that no component is null. */
    public DecodeContext {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(partition, "partition");
    }

    /**
     * Builds an ARN in this context's partition, region and account.
     *
     * @param resource the resource part, e.g. {@code table/Orders}
     * @return e.g. {@code arn:aws:dynamodb:eu-west-1:123456789012:table/Orders}
     */
    public String arn(String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
