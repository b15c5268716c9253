package io.gatehouse.proxy.internal.stream;

/** An aws-chunked body breaks the grammar or a limit. */
public class AwsChunkedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, safe to show to the caller */
    public AwsChunkedException(String message) {
        super(message, null, false, false);
    }

    /** A chunk larger than the decoder holds. */
    public static final class TooLarge extends AwsChunkedException {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong, safe to show to the caller */
        public TooLarge(String message) {
            super(message);
        }
    }
}
