package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.regex.Pattern;

/**
 * Validates the names a DynamoDB request gives its resources and turns them into ARNs in the call's partition,
 * region and account. A name that DynamoDB itself would refuse is refused here with
 * {@link DecodeException#VALIDATION}, so that no policy is ever decided on a resource that cannot exist.
 */
final class ResourceNames {

    /** Table and index names, as DynamoDB defines them. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    /** Since 2024 every {@code TableName} may also be the table's ARN, possibly in another account. */
    private static final Pattern TABLE_ARN =
            Pattern.compile("arn:[a-z][a-z0-9-]{0,62}:dynamodb:[a-z0-9-]{1,64}:[0-9]{12}:table/[a-zA-Z0-9_.-]{3,255}");
    /** Printable ASCII only: an ARN decided on must read the same in logs, recordings and policies. */
    private static final Pattern ARN =
            Pattern.compile("arn:[a-z][a-z0-9-]{0,62}:[a-z0-9-]{1,64}:[a-z0-9-]*:[0-9]*:[\\x21-\\x7e]+");
    private static final int MAX_ARN = 1283;
    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+){1,5}");
    private static final Pattern BUCKET = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{1,253}[a-zA-Z0-9]");

    private final DecodeContext context;

    ResourceNames(DecodeContext context) {
        this.context = context;
    }

    /**
     * @param nameOrArn a table name or table ARN as the request gives it
     * @param where the request member it comes from, for messages
     * @return the table's ARN; a given ARN is kept as it is
     */
    String table(String nameOrArn, String where) throws DecodeException {
        if (TABLE_ARN.matcher(nameOrArn).matches()) {
            return nameOrArn;
        }
        return context.arn("table/" + name(nameOrArn, where, "table"));
    }

    /**
     * @param tableArn an ARN returned by {@link #table}
     * @param indexName the index name as the request gives it
     * @param where the request member it comes from, for messages
     * @return the index ARN, {@code <table ARN>/index/<name>}
     */
    String index(String tableArn, String indexName, String where) throws DecodeException {
        return tableArn + "/index/" + name(indexName, where, "index");
    }

    /**
     * @param tableArn an ARN returned by {@link #table}
     * @param region a region named by the request, e.g. for a replica
     * @param where the request member it comes from, for messages
     * @return the ARN of the table of the same name and account in that region (a global table's replica)
     */
    String tableInRegion(String tableArn, String region, String where) throws DecodeException {
        if (!REGION.matcher(region).matches()) {
            throw invalid(where, region, "is not a valid region name");
        }
        String[] parts = tableArn.split(":", 6);
        parts[3] = region;
        return String.join(":", parts);
    }

    /** A legacy (2017) global table, whose ARN names no region. */
    String globalTable(String name, String where) throws DecodeException {
        return "arn:" + context.partition() + ":" + context.service() + "::" + context.accountId() + ":global-table/"
                + name(name, where, "global table");
    }

    /** The S3 bucket an export writes to or an import reads from. */
    String s3Bucket(String bucket, String where) throws DecodeException {
        if (!BUCKET.matcher(bucket).matches()) {
            throw invalid(where, bucket, "is not a valid S3 bucket name");
        }
        return "arn:" + context.partition() + ":s3:::" + bucket;
    }

    /**
     * @param arn an ARN the request names directly (resource, backup, export, import or stream ARN)
     * @param where the request member it comes from, for messages
     * @return the ARN, unchanged
     */
    String arn(String arn, String where) throws DecodeException {
        if (arn.length() > MAX_ARN || !ARN.matcher(arn).matches()) {
            throw invalid(where, arn, "is not a valid ARN (arn:partition:service:region:account:resource)");
        }
        return arn;
    }

    private static String name(String name, String where, String kind) throws DecodeException {
        if (!NAME.matcher(name).matches()) {
            throw invalid(where, name, "is not a valid " + kind + " name: use 3 to 255 characters of a-z, A-Z, 0-9, "
                    + "'_', '-' and '.'");
        }
        return name;
    }

    private static DecodeException invalid(String where, String value, String problem) {
        return new DecodeException(DecodeException.VALIDATION, where + " '" + shorten(value) + "' " + problem);
    }

    // Bounds what a hostile value can put into an error message and the logs.
    private static String shorten(String value) {
        String printable = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }
}
