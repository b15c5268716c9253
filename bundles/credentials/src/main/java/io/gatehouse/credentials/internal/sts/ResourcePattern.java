package io.gatehouse.credentials.internal.sts;

/**
 * A resource in a session policy: an exact ARN, or every ARN that starts with a prefix. A prefix never ends before
 * its {@link #floor()}: the end of the ARN's resource type ({@code table/} in
 * {@code arn:aws:dynamodb:eu-west-1:123456789012:table/orders}, the bucket and {@code /} of an S3 object), or the
 * first character of the resource name when the ARN has no type.
 *
 * @param prefix the ARN, or the prefix of the ARNs, as text (not escaped)
 * @param wildcard whether every ARN starting with the prefix is meant
 * @param floor the shortest length the prefix may be cut to; -1 when it may not be cut at all
 */
record ResourcePattern(String prefix, boolean wildcard, int floor) implements Comparable<ResourcePattern> {

    /**
     * @param arn a resource ARN
     * @return the pattern matching exactly it
     */
    static ResourcePattern exact(String arn) {
        return new ResourcePattern(arn, false, floorOf(arn));
    }

    /**
     * @param prefix a prefix, at least {@code floor} long
     * @param floor the shortest length the prefix may be cut to
     * @return the pattern matching every ARN that starts with the prefix
     */
    static ResourcePattern wildcard(String prefix, int floor) {
        return new ResourcePattern(prefix, true, floor);
    }

    /** The characters IAM reads as wildcards or variables, written as the policy variables that stand for them. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '$') {
                escaped.append("${").append(c).append('}');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** @return the pattern as written in the policy's Resource list */
    String toPolicyText() {
        return escape(prefix) + (wildcard ? "*" : "");
    }

    /**
     * @param other another pattern
     * @return whether every resource this pattern matches, the other matches too
     */
    boolean covers(ResourcePattern other) {
        return wildcard ? other.prefix.startsWith(prefix) : !other.wildcard && other.prefix.equals(prefix);
    }

    /**
     * @param resource a concrete ARN
     * @return whether this pattern matches it
     */
    boolean matches(String resource) {
        return wildcard ? resource.startsWith(prefix) : resource.equals(prefix);
    }

    /**
     * @param other another pattern
     * @return the longest prefix of both that keeps both floors, or null when there is none
     */
    String commonPrefix(ResourcePattern other) {
        if (floor < 0 || other.floor < 0) {
            return null;
        }
        int length = 0;
        int max = Math.min(prefix.length(), other.prefix.length());
        while (length < max && prefix.charAt(length) == other.prefix.charAt(length)) {
            length++;
        }
        length = surrogateSafe(prefix, length);
        return length >= Math.max(floor, other.floor) ? prefix.substring(0, length) : null;
    }

    /**
     * @param chars how many characters of policy text to save
     * @return this pattern cut to a wildcard that is that much shorter, or null when it would cut below the floor
     */
    ResourcePattern shortenedBy(int chars) {
        if (floor < 0) {
            return null;
        }
        int length = prefix.length();
        int saved = 0;
        int markerCost = wildcard ? 0 : 1;
        while (length > floor && saved < chars + markerCost) {
            length--;
            saved += escape(String.valueOf(prefix.charAt(length))).length();
        }
        length = surrogateSafe(prefix, length);
        if (saved < chars + markerCost || length < floor) {
            return null;
        }
        return wildcard(prefix.substring(0, length), floor);
    }

    @Override
    public int compareTo(ResourcePattern other) {
        return prefix.compareTo(other.prefix);
    }

    /** A cut never separates the halves of a surrogate pair. */
    private static int surrogateSafe(String text, int length) {
        return length > 0 && length < text.length() && Character.isHighSurrogate(text.charAt(length - 1))
                ? length - 1 : length;
    }

    /**
     * The end of an ARN's resource type: after {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:}, past the first
     * {@code /} or {@code :} of the resource part, or its first character when it has neither.
     */
    private static int floorOf(String arn) {
        if (!arn.startsWith("arn:")) {
            return -1;
        }
        int index = 0;
        for (int colons = 0; colons < 5; colons++) {
            index = arn.indexOf(':', index) + 1;
            if (index == 0) {
                return -1;
            }
        }
        if (index >= arn.length()) {
            return -1;
        }
        for (int i = index; i < arn.length(); i++) {
            char c = arn.charAt(i);
            if (c == '/' || c == ':') {
                return i + 1;
            }
        }
        return index + 1;
    }
}
