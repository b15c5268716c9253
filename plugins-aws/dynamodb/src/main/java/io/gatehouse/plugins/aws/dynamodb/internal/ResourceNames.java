package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the names a DynamoDB request gives its resources and turns them into ARNs in the call's partition,
 * region and account. A name that DynamoDB itself would refuse is refused here with
 * {@link DecodeException#VALIDATION}, so that no policy is ever decided on a resource that cannot exist.
 */
final class ResourceNames {

    /** Table and index names, as DynamoDB defines them. */
    private static final String NAME_CHARS = "[a-zA-Z0-9_.-]{3,255}";
    private static final Pattern NAME = Pattern.compile(NAME_CHARS);
    /** The partitions DynamoDB runs in. */
    private static final String PARTITION = "(aws|aws-cn|aws-us-gov)";
    /**
     * A DynamoDB ARN: partition, region (empty only for a legacy global table), account, resource. Since 2024
     * every {@code TableName} may also be the table's ARN, possibly in another account.
     */
    private static final Pattern DYNAMODB_ARN =
            Pattern.compile("arn:" + PARTITION + ":dynamodb:([a-z0-9-]*):([0-9]{12}):(.+)");
    /**
     * What a DynamoDB ARN can name: a table, one of its indexes, its stream (the label is the ISO 8601 timestamp
     * DynamoDB gives it), backups, exports and imports (14-digit time, 8-character id), or a legacy global table.
     */
    private static final Pattern TABLE_RESOURCE = Pattern.compile("table/" + NAME_CHARS + "(/index/" + NAME_CHARS
            + "|/stream/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}"
            + "|/(backup|export|import)/[0-9]{14}-[0-9a-z]{8})?");
    private static final Pattern TABLE = Pattern.compile("table/" + NAME_CHARS);
    private static final Pattern GLOBAL_TABLE = Pattern.compile("global-table/" + NAME_CHARS);
    /** A Kinesis data stream, the destination of Kinesis streaming for DynamoDB. */
    private static final Pattern KINESIS_STREAM_ARN =
            Pattern.compile("arn:" + PARTITION + ":kinesis:([a-z0-9-]+):[0-9]{12}:stream/[a-zA-Z0-9_.-]{1,128}");
    /** The region names of each partition, as the AWS SDKs' partition metadata spells them. */
    private static final Map<String, Pattern> REGIONS = Map.of(
            "aws", Pattern.compile("(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-[0-9]{1,2}"),
            "aws-cn", Pattern.compile("cn-[a-z]+-[0-9]{1,2}"),
            "aws-us-gov", Pattern.compile("us-gov-[a-z]+-[0-9]{1,2}"));
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
        if (nameOrArn.startsWith("arn:")) {
            return dynamoDbArn(nameOrArn, where, TABLE, "table name or ARN");
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
     * @param arn a DynamoDB ARN the request names directly (resource, backup, export, import or global table
     *        source): one that can exist, in a DynamoDB partition, a region of it, a 12-digit account, and a table,
     *        index, stream, backup, export, import or global table named by DynamoDB's rules
     * @param where the request member it comes from, for messages
     * @return the ARN, unchanged
     */
    String arn(String arn, String where) throws DecodeException {
        return dynamoDbArn(arn, where, null, "ARN of a DynamoDB resource");
    }

    /**
     * @param arn the ARN of a Kinesis data stream the request names (Kinesis streaming destinations)
     * @param where the request member it comes from, for messages
     * @return the ARN, unchanged
     */
    String kinesisStream(String arn, String where) throws DecodeException {
        Matcher matcher = KINESIS_STREAM_ARN.matcher(arn);
        if (arn.length() > MAX_ARN || !matcher.matches() || !REGIONS.get(matcher.group(1)).matcher(matcher.group(2))
                .matches()) {
            throw invalid(where, arn, "is not a valid Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:"
                    + "stream/<name>)");
        }
        return arn;
    }

    /**
     * @param resource the resource part the ARN must name ({@link #TABLE}), or null for any DynamoDB resource
     */
    private static String dynamoDbArn(String arn, String where, Pattern resource, String kind)
            throws DecodeException {
        Matcher matcher = DYNAMODB_ARN.matcher(arn);
        if (arn.length() > MAX_ARN || !matcher.matches()) {
            throw invalid(where, arn, "is not a valid " + kind + ": arn:<aws, aws-cn or aws-us-gov>:dynamodb:"
                    + "<region>:<12-digit account>:table/<name>...");
        }
        String partition = matcher.group(1);
        String region = matcher.group(2);
        String path = matcher.group(4);
        boolean global = region.isEmpty() && resource == null && GLOBAL_TABLE.matcher(path).matches();
        if (!global && !REGIONS.get(partition).matcher(region).matches()) {
            throw invalid(where, arn, "is not a valid " + kind + ": '" + shorten(region) + "' is not a region of "
                    + "partition " + partition);
        }
        if (!global && !(resource == null ? TABLE_RESOURCE : resource).matcher(path).matches()) {
            throw invalid(where, arn, "is not a valid " + kind + ": " + (resource == null ? "table/<name> with "
                    + "/index/<name>, /stream/<label>, /backup/<id>, /export/<id> or /import/<id>, or "
                    + "global-table/<name>" : "table/<name>") + "; table and index names are 3 to 255 characters of "
                    + "a-z, A-Z, 0-9, '_', '-' and '.'");
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
