package io.gatehouse.tests.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The GetItem benchmark behind {@code bench/run}: the same pre-signed GetItem replayed by wrk
 * directly against dynalite and through Gatehouse (distribution started as a user starts it, upstream
 * = that dynalite), in one run, on loopback, for a bounded time. Prints the figures and records them
 * in docs/benchmarks.md. Not a test: nothing here asserts a target.
 *
 * <p>Arguments: {@code --duration S --warmup S --threads N --connections N --report FILE}.
 */
public final class GetItemBenchmark {

    private static final String REGION = "us-east-1";
    private static final String TABLE = "bench";
    private static final String GET_ITEM = "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"item-1\"}}}";

    private GetItemBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = BenchmarkOptions.parse(args);
        Duration duration = Duration.ofSeconds(Long.parseLong(options.get("duration")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.get("warmup")));
        Wrk wrk = new Wrk(Integer.parseInt(options.get("threads")), Integer.parseInt(options.get("connections")));
        Path workDir = Files.createTempDirectory("gatehouse-bench-");
        AccessKey client = AccessKey.random("AKIABENCH");

        try (Dynalite dynalite = Dynalite.start(workDir);
                GatehouseDistribution gatehouse = GatehouseDistribution.install(workDir)
                        .clientKey("bench", client, "bench")
                        .upstreamKey(AccessKey.random("AKIABENCHUP"))
                        .endpoint("dynamodb", dynalite.endpoint())
                        .start()) {
            awaitGateway(gatehouse.endpoint(), client);
            prepareTable(gatehouse.endpoint(), client);
            Target direct = new Target("dynalite direct", dynalite.endpoint(), AccessKey.random("AKIADIRECT"));
            Target gateway = new Target("through Gatehouse", gatehouse.endpoint(), client);

            System.out.println("Warming up both for " + warmup.toSeconds() + " s ...");
            direct.measure(wrk, warmup, workDir);
            gateway.measure(wrk, warmup, workDir);
            System.out.println("Measuring each for " + duration.toSeconds() + " s ...");
            Wrk.Result directResult = direct.measure(wrk, duration, workDir);
            Wrk.Result gatewayResult = gateway.measure(wrk, duration, workDir);

            BenchmarkReport report = new BenchmarkReport(Instant.now(), options, directResult, gatewayResult);
            System.out.println(report.markdown());
            report.record(Path.of(options.get("report")));
            System.out.println("Recorded in " + options.get("report"));
        } finally {
            GatewayStack.deleteTree(workDir);
        }
    }

    /** One side of the comparison: where the request goes and whose key signs it. */
    private record Target(String name, URI endpoint, AccessKey key) {

        /** Signs one GetItem now (well within the clock-skew window of a bounded run) and replays it. */
        Wrk.Result measure(Wrk wrk, Duration duration, Path workDir) {
            RawDynamoDbCall call = new RawDynamoDbCall(endpoint, "GetItem", GET_ITEM);
            Map<String, List<String>> headers = call.signedHeaders(key, REGION, Instant.now());
            RawDynamoDbCall.Response check = call.sendWithHeaders(headers);
            if (check.status() != 200 || !check.body().contains("item-1")) {
                throw new IllegalStateException(name + ": the replayed GetItem does not work: " + check);
            }
            Wrk.Result result = wrk.run(endpoint, headers, GET_ITEM, duration, workDir);
            if (result.non2xx() > 0) {
                throw new IllegalStateException(name + ": " + result.non2xx() + " non-2xx answers:\n" + result.output());
            }
            return result;
        }
    }

    private static void awaitGateway(URI endpoint, AccessKey client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (new RawDynamoDbCall(endpoint, "ListTables", "{}").sendSigned(client, REGION, Instant.now())
                    .status() == 200) {
                return;
            }
            FreePort.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("ListTables through Gatehouse did not succeed within 60 s");
    }

    private static void prepareTable(URI endpoint, AccessKey client) {
        call(endpoint, client, "CreateTable", "{\"TableName\":\"" + TABLE + "\",\"AttributeDefinitions\":"
                + "[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
                + "\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}");
        FreePort.sleep(Duration.ofMillis(100));
        call(endpoint, client, "PutItem", "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"item-1\"},"
                + "\"name\":{\"S\":\"benchmark item\"},\"price\":{\"N\":\"12.5\"},\"tags\":{\"SS\":[\"a\",\"b\"]}}}");
    }

    private static void call(URI endpoint, AccessKey client, String operation, String body) {
        RawDynamoDbCall.Response response = new RawDynamoDbCall(endpoint, operation, body)
                .sendSigned(client, REGION, Instant.now());
        if (response.status() != 200) {
            throw new IllegalStateException(operation + " failed: " + response);
        }
    }

    static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(instant);
    }
}
