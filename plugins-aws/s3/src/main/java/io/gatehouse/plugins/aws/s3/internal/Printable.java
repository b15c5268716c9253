package io.gatehouse.plugins.aws.s3.internal;

/** Makes caller-supplied text safe to echo in an error message: bounded and without control characters. */
final class Printable {

    private static final int MAX = 80;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX).forEach(cp -> {
            if (Character.isISOControl(cp) || cp == '\'' ) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return text.codePointCount(0, text.length()) > MAX ? out + "..." : out.toString();
    }
}
