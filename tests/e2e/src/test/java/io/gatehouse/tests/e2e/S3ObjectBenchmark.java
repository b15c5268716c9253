package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * The S3 object benchmark behind {@code bench/run-s3}: PUT and GET of a 64 MiB object (sequential, a few times) and
 * of 1 KiB objects (8 concurrent clients for a bounded time), directly against s3rver and through Gatehouse
 * (distribution started with {@code -Xmx256m}, upstream = that s3rver), in one run. Each request is signed once
 * (hex SHA-256 payload hash, as the CLI signs over HTTP) and replayed. The gateway's heap is read from its GC log:
 * the most heap in use before a collection (young-generation sizing: it floats up to what the heap allows) and the
 * most still in use after one (what the gateway retains). Not a test.
 *
 * <p>Arguments: {@code --large-rounds N --small-seconds S --small-clients N --report FILE --commit C}.
 */
public final class S3ObjectBenchmark {

    private static final String REGION = "us-east-1";
    private static final String BUCKET = "bench";
    private static final int LARGE = 64 * 1024 * 1024;
    private static final int SMALL = 1024;
    private static final Pattern GC_LINE = Pattern.compile("^\\[([^\\]]+)\\].*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private S3ObjectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        new S3ObjectBenchmark().run(options);
    }

    private void run(Map<String, String> options) throws Exception {
        int rounds = Integer.parseInt(options.get("large-rounds"));
        Duration smallTime = Duration.ofSeconds(Long.parseLong(options.get("small-seconds")));
        int clients = Integer.parseInt(options.get("small-clients"));
        Path workDir = Files.createTempDirectory("gatehouse-bench-s3-");
        Path gcLog = workDir.resolve("gateway-gc.log");
        AccessKey client = AccessKey.random("AKIABENCH");
        byte[] large = new byte[LARGE];
        new Random(1).nextBytes(large);
        byte[] small = new byte[SMALL];
        new Random(2).nextBytes(small);
        try (S3rver s3rver = S3rver.start(workDir);
                GatehouseDistribution gatehouse = GatehouseDistribution.install(workDir)
                        .clientKey("bench", client, "bench").upstreamKey(S3rver.KEY)
                        .endpoint("s3", s3rver.endpoint())
                        .javaOpts("-Xmx256m -Xlog:gc:file=" + gcLog + ":time")
                        .start()) {
            Target direct = new Target("s3rver direct", s3rver.endpoint(), S3rver.KEY);
            Target gateway = new Target("through Gatehouse", gatehouse.endpoint(), client);
            awaitBucket(gateway);
            List<Row> rows = new ArrayList<>();
            for (Target target : List.of(direct, gateway)) {
                System.out.println("Warming up " + target.name + " ...");
                put(target, "warm/large", large, 1);
                get(target, "warm/large", large, 1);
                smallPuts(target, small, clients, Duration.ofSeconds(3));
            }
            for (Target target : List.of(direct, gateway)) {
                rows.add(timed(target, "PUT 64 MiB", () -> put(target, "large", large, rounds)));
                rows.add(timed(target, "GET 64 MiB", () -> get(target, "large", large, rounds)));
                rows.add(timed(target, "PUT 1 KiB", () -> smallPuts(target, small, clients, smallTime)));
                rows.add(timed(target, "GET 1 KiB", () -> smallGets(target, small, clients, smallTime)));
            }
            String markdown = markdown(options, rows, gcLog, rounds, clients, smallTime);
            System.out.println(markdown);
            record(Path.of(options.get("report")), markdown);
            System.out.println("Recorded in " + options.get("report"));
        } finally {
            GatewayStack.deleteTree(workDir);
        }
    }

    /** One measured phase: its figure and the time window (for the gateway's GC log). */
    private record Row(String target, String operation, String figure, double perSecond, Instant from,
                       Instant to) {
    }

    private interface Phase {
        String run() throws Exception;
    }

    private static Row timed(Target target, String operation, Phase phase) throws Exception {
        Instant from = Instant.now();
        String figure = phase.run();
        Instant to = Instant.now();
        double perSecond = Double.parseDouble(figure.split(" ")[0]);
        System.out.println(target.name + " " + operation + ": " + figure);
        return new Row(target.name, operation, figure, perSecond, from, to);
    }

    /** @return MiB/s */
    private String put(Target target, String key, byte[] body, int rounds) throws Exception {
        HttpRequest request = target.signed("PUT", key, body);
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            expectOk(http.send(request, HttpResponse.BodyHandlers.ofString()), target, "PUT " + key);
        }
        return mibPerSecond((long) body.length * rounds, System.nanoTime() - started);
    }

    /** @return MiB/s; the first answer's content is checked */
    private String get(Target target, String key, byte[] expected, int rounds) throws Exception {
        HttpRequest request = target.signed("GET", key, null);
        long started = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < rounds; i++) {
            HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = answer.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes += n;
                    digest.update(buffer, 0, n);
                }
            }
            if (answer.statusCode() != 200 || !MessageDigest.isEqual(digest.digest(),
                    MessageDigest.getInstance("SHA-256").digest(expected))) {
                throw new IllegalStateException(target.name + ": GET " + key + " answered " + answer.statusCode()
                        + " or other content");
            }
        }
        return mibPerSecond(bytes, System.nanoTime() - started);
    }

    /** @return requests/s of {@code clients} concurrent PUTs of the small object, each to its own key */
    private String smallPuts(Target target, byte[] body, int clients, Duration time) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            requests.add(target.signed("PUT", "small/" + i, body));
        }
        return concurrently(target, requests, time);
    }

    private String smallGets(Target target, byte[] body, int clients, Duration time) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            requests.add(target.signed("GET", "small/" + i, null));
        }
        return concurrently(target, requests, time);
    }

    private String concurrently(Target target, List<HttpRequest> requests, Duration time) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + time.toNanos();
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (HttpRequest request : requests) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        expectOk(http.send(request, HttpResponse.BodyHandlers.ofByteArray()), target,
                                request.method() + " " + request.uri());
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%.0f req/s", done.get() / seconds);
    }

    private static void expectOk(HttpResponse<?> answer, Target target, String what) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(target.name + ": " + what + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    private static String mibPerSecond(long bytes, long nanos) {
        return String.format(Locale.ROOT, "%.1f MiB/s", bytes / 1048576.0 / (nanos / 1e9));
    }

    private void awaitBucket(Target gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(gateway.signed("PUT", null, new byte[0]),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("CreateBucket through Gatehouse did not succeed within 60 s");
    }

    /** Where requests go and whose key signs them. */
    private static final class Target {
        final String name;
        final URI endpoint;
        final AccessKey key;

        Target(String name, URI endpoint, AccessKey key) {
            this.name = name;
            this.endpoint = endpoint;
            this.key = key;
        }

        /** @param key the object key, or null for the bucket */
        HttpRequest signed(String method, String key, byte[] body) {
            String path = "/" + BUCKET + (key == null ? "" : "/" + key);
            byte[] payload = body == null ? new byte[0] : body;
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(this.key.identity())
                    .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(endpoint)
                            .encodedPath(path).build())
                    .payload(() -> new java.io.ByteArrayInputStream(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)).request();
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            signed.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            return request.build();
        }
    }

    /** Peak heap in use before a collection, and the most retained after one, within [from, to]. */
    private static String heap(Path gcLog, Instant from, Instant to) throws IOException {
        long before = 0;
        long after = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Instant at = OffsetDateTime.parse(m.group(1).replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"))
                    .toInstant();
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            collections++;
            before = Math.max(before, Long.parseLong(m.group(2)));
            after = Math.max(after, Long.parseLong(m.group(3)));
        }
        return collections == 0 ? "no GC" : before + " MB / " + after + " MB (" + collections + " GCs)";
    }

    private static String markdown(Map<String, String> options, List<Row> rows, Path gcLog, int rounds,
                                   int clients, Duration smallTime) throws IOException {
        StringBuilder out = new StringBuilder("## " + GetItemBenchmark.utc(Instant.now())
                + " — S3 objects through Gatehouse vs s3rver direct\n\n"
                + "Commit " + options.get("commit") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + ". Gateway started with `-Xmx256m`. "
                + "64 MiB: " + rounds + " sequential PUTs / GETs of one object; 1 KiB: " + clients
                + " concurrent clients for " + smallTime.toSeconds() + " s each. Requests signed with a hex "
                + "SHA-256 payload hash (checked by the gateway while it streams the 64 MiB body) and replayed.\n\n"
                + "| operation | s3rver direct | through Gatehouse | ratio | gateway heap: peak used / max "
                + "retained after GC |\n|---|---:|---:|---:|---|\n");
        for (int i = 0; i < rows.size() / 2; i++) {
            Row direct = rows.get(i);
            Row gateway = rows.get(i + rows.size() / 2);
            out.append("| ").append(direct.operation).append(" | ").append(direct.figure).append(" | ")
                    .append(gateway.figure).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", gateway.perSecond / direct.perSecond))
                    .append(" | ").append(heap(gcLog, gateway.from, gateway.to)).append(" |\n");
        }
        return out.toString();
    }

    private static void record(Path file, String markdown) throws IOException {
        String existing = Files.readString(file);
        int firstSection = existing.indexOf("\n## ");
        String head = (firstSection < 0 ? existing : existing.substring(0, firstSection)).stripTrailing() + "\n";
        String older = firstSection < 0 ? "" : existing.substring(firstSection + 1);
        Files.writeString(file, head + "\n" + markdown + (older.isEmpty() ? "" : "\n" + older));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.LinkedHashMap<>(Map.of("large-rounds", "4", "small-seconds",
                "10", "small-clients", "8", "report", "docs/benchmarks.md", "commit", "unknown"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
