package io.gatehouse.plugins.aws.support.text;

/** Bounds what a hostile value can put into an error message and the logs. */
public final class Printable {

    private static final int MAX = 100;

    private Printable() {
    }

    /**
     * @param value a value that came from a request
     * @return the value with anything but printable ASCII as {@code ?}, cut at 100 characters
     */
    public static String of(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= MAX ? clean : clean.substring(0, MAX) + "...";
    }
}
