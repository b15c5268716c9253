package io.gatehouse.proxy.internal.pipeline;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.AbstractServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Whether the client of an Undertow exchange is still there. Undertow only notices a closed connection when it reads
 * or writes, and it does neither while a call is held, so the probe reads the connection once, without blocking, on
 * its I/O thread, below the request's body: end of stream or an error means the client is gone; bytes (a pipelined
 * next request) are handed to the connection as the start of its next request.
 */
final class UndertowClientConnection implements ClientConnection {

    private final HttpServerExchange exchange;

    UndertowClientConnection(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public CompletionStage<Boolean> isStillOpen() {
        CompletableFuture<Boolean> open = new CompletableFuture<>();
        exchange.getIoThread().execute(() -> {
            try {
                open.complete(probe());
            } catch (RuntimeException e) {
                open.complete(false);
            }
        });
        return open;
    }

    private boolean probe() {
        if (!exchange.getConnection().isOpen()) {
            return false;
        }
        if (!(exchange.getConnection() instanceof AbstractServerConnection connection)) {
            return true;
        }
        if (connection.getExtraBytes() != null) {
            return true; // the client has already sent its next request
        }
        // The exchange's own source conduit is at the end of this request's body; the connection's original one
        // reads the socket itself.
        StreamSourceConduit socket = connection.getOriginalSourceConduit();
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        boolean handedBack = false;
        try {
            ByteBuffer buffer = pooled.getBuffer();
            buffer.clear();
            int read = socket.read(buffer);
            if (read < 0) {
                return false;
            }
            if (read > 0) {
                buffer.flip();
                connection.setExtraBytes(pooled);
                handedBack = true;
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            if (!handedBack) {
                pooled.close();
            }
        }
    }
}
