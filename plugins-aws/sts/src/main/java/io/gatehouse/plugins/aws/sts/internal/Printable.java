package io.gatehouse.plugins.aws.sts.internal;

/** Bounds what a hostile value can put into an error message and the logs. */
final class Printable {

    private static final int MAX = 100;

    private Printable() {
    }

    /** @return the value with anything but printable ASCII as {@code ?}, cut at 100 characters */
    static String of(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= MAX ? clean : clean.substring(0, MAX) + "...";
    }
}
