package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.api.adapter.DecodeException;

/** The refusals every part of the engine shares, with values shortened to what is safe to echo and log. */
final class Messages {

    private static final int MAX_ECHO = 100;

    private Messages() {
    }

    static DecodeException invalid(String where, String value, String problem) {
        return new DecodeException(DecodeException.VALIDATION, where + " '" + printable(value) + "' " + problem);
    }

    static DecodeException unknown(String message) {
        return new DecodeException(DecodeException.UNKNOWN_OPERATION, message);
    }

    /** Bounds what a hostile value can put into an error message and the logs. */
    static String printable(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= MAX_ECHO ? clean : clean.substring(0, MAX_ECHO) + "...";
    }
}
