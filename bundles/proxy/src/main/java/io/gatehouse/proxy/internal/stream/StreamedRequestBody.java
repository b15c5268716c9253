package io.gatehouse.proxy.internal.stream;

/** A large upload left on the client's connection until the call was authenticated, decoded and decided. */
public final class StreamedRequestBody extends StreamedBody {

    private final ClientBody source;

    /**
     * @param length the request's Content-Length
     * @param source the connection to read it from
     */
    public StreamedRequestBody(long length, ClientBody source) {
        super(length);
        this.source = source;
    }

    /** @return where the bytes are read from */
    public ClientBody source() {
        return source;
    }
}
