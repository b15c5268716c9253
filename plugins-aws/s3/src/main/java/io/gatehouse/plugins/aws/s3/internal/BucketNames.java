package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's rules for general purpose bucket names. A name that breaks them is refused before it can reach an ARN, so a
 * bucket can never smuggle {@code /}, {@code *}, {@code :} or a second bucket into policy. Legacy us-east-1 names
 * with capitals or underscores are refused too.
 */
final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {
    }

    static String validate(String name) throws DecodeException {
        if (!SHAPE.matcher(name).matches() || name.contains("..") || IP.matcher(name).matches()
                || PREFIXES.stream().anyMatch(name::startsWith) || SUFFIXES.stream().anyMatch(name::endsWith)) {
            throw S3Errors.of(S3Errors.INVALID_BUCKET_NAME, "'" + Printable.of(name) + "' is not a valid S3 bucket"
                    + " name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter"
                    + " or digit, no '..', not an IP address, no reserved prefix or suffix.");
        }
        return name;
    }
}
