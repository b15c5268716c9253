package io.gatehouse.proxy.internal.pipeline;

import io.gatehouse.proxy.internal.stream.ClientBody;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSourceChannel;

/**
 * A request body read from Undertow's non-blocking request channel on the connection's I/O thread. The channel is
 * opened at the first read — so {@code Expect: 100-continue} is answered only once the call was authenticated,
 * decoded and decided — and read only while the upstream asks for more.
 */
final class UndertowClientBody implements ClientBody {

    private final HttpServerExchange exchange;
    private StreamSourceChannel channel;

    UndertowClientBody(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void execute(Runnable task) {
        exchange.getIoThread().execute(task);
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return channel().read(into);
    }

    @Override
    public void awaitReadable(Runnable whenReadable) {
        StreamSourceChannel source = channel();
        source.getReadSetter().set(ready -> {
            ready.suspendReads();
            whenReadable.run();
        });
        source.resumeReads();
    }

    @Override
    public void stop() {
        if (channel != null) {
            channel.suspendReads();
            channel.getReadSetter().set(null);
        }
    }

    private StreamSourceChannel channel() {
        if (channel == null) {
            channel = exchange.getRequestChannel();
            if (channel == null) {
                throw new IllegalStateException("the request channel was already taken");
            }
        }
        return channel;
    }
}
