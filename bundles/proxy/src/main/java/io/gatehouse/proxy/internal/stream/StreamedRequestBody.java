package io.gatehouse.proxy.internal.stream;

/** A large upload left on the client's connection until the call was authenticated, decoded and decided. */
public final class StreamedRequestBody extends StreamedBody {

    private final ClientBody source;
    private final boolean verifiedBeforeForwarding;

    /**
     * @param length the request's Content-Length
     * @param source the connection to read it from
     */
    public StreamedRequestBody(long length, ClientBody source) {
        this(length, source, false);
    }

    /**
     * @param length the request's Content-Length
     * @param source the connection to read it from
     * @param verifiedBeforeForwarding whether the whole body is checked (spooled to disk) before the upstream
     *        request starts, instead of streamed through and aborted on a failed check
     */
    public StreamedRequestBody(long length, ClientBody source, boolean verifiedBeforeForwarding) {
        super(length);
        this.source = source;
        this.verifiedBeforeForwarding = verifiedBeforeForwarding;
    }

    /** @return whether the whole body is checked before the upstream sees any of it */
    public boolean verifiedBeforeForwarding() {
        return verifiedBeforeForwarding;
    }

    /** @return where the bytes are read from */
    public ClientBody source() {
        return source;
    }
}
