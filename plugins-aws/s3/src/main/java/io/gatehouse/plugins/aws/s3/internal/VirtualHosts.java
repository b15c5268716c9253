package io.gatehouse.plugins.aws.s3.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bucket from a virtual-hosted-style Host header. A Host is virtual-hosted only when it ends with a known
 * S3 endpoint suffix ({@code .s3.amazonaws.com}, {@code .s3.REGION.amazonaws.com}, {@code .s3-REGION.amazonaws.com},
 * {@code .s3.dualstack.REGION.amazonaws.com}) or with one of the gateway's own configured S3 domains
 * ({@code BUCKET.s3.gatehouse.example.com}); any other Host — the gateway's address, {@code localhost}, an IP — means
 * path style. The bucket is never guessed from an arbitrary Host. Immutable.
 */
final class VirtualHosts {

    /** Only the AWS endpoint suffixes. */
    static final VirtualHosts AWS_ONLY = new VirtualHosts(List.of());

    private static final Pattern AWS_HOST = Pattern.compile(
            "(.+)\\.s3(?:\\.dualstack\\.[a-z0-9-]+|\\.[a-z]{2}(?:-[a-z]+)+-\\d+|-[a-z]{2}(?:-[a-z]+)+-\\d+)?"
                    + "\\.amazonaws\\.com");
    private static final Pattern AWS_SERVICE_ENDPOINT = Pattern.compile(
            "s3(?:\\.dualstack)?(?:[.-][a-z]{2}(?:-[a-z]+)+-\\d+)?\\.amazonaws\\.com");

    private final List<String> domains;

    private VirtualHosts(List<String> domains) {
        this.domains = domains;
    }

    /**
     * @param commaSeparated the gateway's own S3 host names, e.g. {@code s3.gatehouse.example.com,s3.localhost}
     * @return the AWS suffixes plus these domains (normalised: lower case, no port, no trailing dot)
     */
    static VirtualHosts withDomains(String commaSeparated) {
        List<String> domains = Arrays.stream(commaSeparated.split(","))
                .map(VirtualHosts::hostName)
                .filter(domain -> !domain.isEmpty())
                .map(domain -> domain.startsWith(".") ? domain.substring(1) : domain)
                .distinct()
                .toList();
        return new VirtualHosts(domains);
    }

    /** @return the configured domains (without the AWS suffixes) */
    List<String> domains() {
        return domains;
    }

    /** @return the bucket named by a virtual-hosted-style Host, empty for path style */
    Optional<String> bucket(String host) {
        String name = hostName(host);
        Matcher aws = AWS_HOST.matcher(name);
        if (aws.matches()) {
            // s3.REGION.amazonaws.com itself is the service endpoint: path style
            return AWS_SERVICE_ENDPOINT.matcher(name).matches() ? Optional.empty() : Optional.of(aws.group(1));
        }
        for (String domain : domains) {
            if (name.length() > domain.length() + 1 && name.endsWith("." + domain)) {
                return Optional.of(name.substring(0, name.length() - domain.length() - 1));
            }
        }
        return Optional.empty();
    }

    /** Lower case, without surrounding space, port or trailing dot. */
    private static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
