package io.gatehouse.approval.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of approvals: an append-only file of JSON lines, one full record per change, the last record of
 * an approval winning. One writer thread appends in the order records were submitted and forces the file to disk
 * before it completes their futures (several records share one force). Without a file (tests) it keeps nothing.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** A record to append, or (with {@code snapshot}) the whole content to replace the file with. */
    private record Entry(String line, List<String> snapshot, CompletableFuture<Void> done) {
    }

    private final Optional<Path> file;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    /** A journal that keeps nothing. */
    Journal() {
        this.file = Optional.empty();
        this.writer = null;
    }

    /** @param file the journal file; its folder is created when missing */
    Journal(Path file) throws IOException {
        this.file = Optional.of(file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.writer = new Thread(this::write, "gatehouse-approval-journal");
        this.writer.setDaemon(true);
    }

    /** @return the lines of the file, in order; a line cut short by a crash is the caller's to skip */
    List<String> read() throws IOException {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return List.of();
        }
        return Files.readAllLines(file.get(), StandardCharsets.UTF_8);
    }

    /**
     * Replaces the file with these lines (write a temporary file, force it, move it over), then starts appending.
     * Called once at start, after {@link #read()}.
     */
    void rewriteAndStart(List<String> lines) throws IOException {
        if (file.isEmpty()) {
            return;
        }
        replaceWith(lines);
        writer.start();
    }

    private void replaceWith(List<String> lines) throws IOException {
        Path target = file.orElseThrow();
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String line : lines) {
                channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @param line one record, without line breaks
     * @return completes once the record is on disk; fails when it could not be written
     */
    CompletableFuture<Void> append(String line) {
        if (file.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IOException("the approval journal is closed"));
        } else {
            queue.add(new Entry(line, null, done));
        }
        return done;
    }

    /**
     * Replaces the file with a snapshot, in order with the appends: records submitted before are superseded by the
     * snapshot, records submitted after are appended to it.
     *
     * @param lines the records of everything worth keeping
     * @return completes once the new file is in place
     */
    CompletableFuture<Void> compact(List<String> lines) {
        if (file.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Entry(null, List.copyOf(lines), done));
        return done;
    }

    private FileChannel openForAppend() throws IOException {
        return FileChannel.open(file.orElseThrow(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private void write() {
        FileChannel channel = null;
        try {
            channel = openForAppend();
            while (!closed || !queue.isEmpty()) {
                Entry first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                if (first.snapshot() != null) {
                    channel.close();
                    try {
                        replaceWith(first.snapshot());
                        first.done().complete(null);
                    } catch (IOException e) {
                        LOG.warn("Cannot compact the approval journal {} (appending goes on): {}", file.get(),
                                e.toString());
                        first.done().completeExceptionally(e);
                    }
                    channel = openForAppend();
                    continue;
                }
                List<Entry> batch = new ArrayList<>();
                batch.add(first);
                while (batch.size() < 256 && queue.peek() != null && queue.peek().snapshot() == null) {
                    batch.add(queue.poll());
                }
                try {
                    for (Entry entry : batch) {
                        channel.write(ByteBuffer.wrap((entry.line() + "\n").getBytes(StandardCharsets.UTF_8)));
                    }
                    channel.force(true);
                    batch.forEach(entry -> entry.done().complete(null));
                } catch (IOException e) {
                    LOG.error("Cannot record approvals in {}: {}", file.get(), e.toString());
                    batch.forEach(entry -> entry.done().completeExceptionally(e));
                }
            }
            channel.close();
        } catch (IOException e) {
            LOG.error("Cannot open the approval journal {}: {}", file.get(), e.toString());
            failAll(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll(new IOException("the approval journal was stopped"));
        }
    }

    private void failAll(IOException e) {
        closed = true;
        Entry entry;
        while ((entry = queue.poll()) != null) {
            entry.done().completeExceptionally(e);
        }
    }

    /** Writes what is queued and stops. */
    @Override
    public void close() {
        closed = true;
        if (writer != null && writer.isAlive()) {
            try {
                writer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
