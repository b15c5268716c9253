package io.gatehouse.tests.osgi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.gatehouse.api.adapter.ServiceAdapter;
import io.gatehouse.api.credentials.CredentialBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots the bundles of the assembled distribution (system/&lt;level&gt;/ at their start levels, deploy/ through
 * FileInstall, configuration from an etc/ folder through FileInstall, as {@code gatehouse run} does) and checks that
 * the gateway is complete: every bundle active, the DynamoDB adapter and the credential broker registered, the
 * proxy's components active and its data plane listening.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatehouseRuntimeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Bundles the gateway cannot run without; a distribution that lacks one must fail here. */
    private static final Set<String> REQUIRED = Set.of("org.apache.aries.spifly.dynamic.bundle", "slf4j.api",
            "slf4j.simple", "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.metatype",
            "org.apache.felix.log", "org.apache.felix.fileinstall", "org.apache.felix.http.jetty12",
            "org.apache.felix.webconsole", "com.fasterxml.jackson.core.jackson-databind", "io.gatehouse.api",
            "io.gatehouse.proxy", "io.gatehouse.credentials", "io.gatehouse.console", "io.gatehouse.policy",
            "io.gatehouse.plugins.aws.dynamodb");

    private static final String DATA_PORT = "gatehouse.test.dataPort";
    private static final String UPSTREAM_PORT = "gatehouse.test.upstreamPort";

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    /**
     * Runs outside the framework: provisions the distribution's bundles and an etc/ folder for FileInstall.
     *
     * @return the Pax Exam options
     */
    @Configuration
    public Option[] configuration() throws IOException {
        AssembledDistribution distribution = AssembledDistribution.locate();
        Path work = Files.createTempDirectory("gatehouse-osgi-it");
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        for (Path plugin : distribution.plugins()) {
            Files.copy(plugin, deploy.resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        int dataPort = freePort();
        int upstreamPort = freePort();
        writeConfiguration(etc, dataPort, freePort(), upstreamPort);

        List<Option> options = new ArrayList<>();
        int highest = 0;
        for (Map.Entry<Integer, List<Path>> level : distribution.systemBundles().entrySet()) {
            for (Path jar : level.getValue()) {
                options.add(bundle(jar.toUri().toString()).startLevel(level.getKey()).start());
            }
            highest = Math.max(highest, level.getKey());
        }
        int pluginLevel = highest + 1;
        options.add(frameworkStartLevel(pluginLevel + 1));
        options.add(frameworkProperty("felix.fileinstall.dir").value(etc + "," + deploy));
        options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|jar)"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("1000"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.start.level").value(Integer.toString(pluginLevel)));
        options.add(frameworkProperty("felix.fileinstall.log.level").value("2"));
        options.add(systemProperty(AssembledDistribution.PROPERTY).value(System.getProperty(
                AssembledDistribution.PROPERTY)));
        options.add(systemProperty(DATA_PORT).value(Integer.toString(dataPort)));
        options.add(systemProperty(UPSTREAM_PORT).value(Integer.toString(upstreamPort)));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(junitBundles());
        return options.toArray(new Option[0]);
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() {
        List<String> shipped = AssembledDistribution.locate().symbolicNames();
        for (String name : REQUIRED) {
            assertTrue("the distribution lacks " + name + "; it ships " + shipped, shipped.contains(name));
        }
        List<String> notActive = await("every bundle active", () -> {
            List<String> inactive = Arrays.stream(context.getBundles()).filter(b -> !isRunning(b))
                    .map(b -> b.getSymbolicName() + " " + b.getVersion() + " is " + state(b))
                    .collect(Collectors.toList());
            return inactive.isEmpty() ? Optional.of(inactive) : Optional.empty();
        }, () -> "not active: " + Arrays.stream(context.getBundles()).filter(b -> !isRunning(b))
                .map(b -> b.getSymbolicName() + " " + state(b)).collect(Collectors.toList()));
        assertTrue(notActive.isEmpty());
        for (String name : shipped) {
            assertTrue(name + " is shipped but not installed", Arrays.stream(context.getBundles())
                    .anyMatch(b -> name.equals(b.getSymbolicName()) && isRunning(b)));
        }
    }

    @Test
    public void theDynamoDbAdapterIsRegistered() {
        Collection<ServiceReference<ServiceAdapter>> adapters = await("a dynamodb ServiceAdapter",
                () -> Optional.of(references(ServiceAdapter.class, "(" + ServiceAdapter.SERVICE + "=dynamodb)"))
                        .filter(list -> !list.isEmpty()),
                () -> "registered adapters: " + references(ServiceAdapter.class, null));
        ServiceReference<ServiceAdapter> adapter = adapters.iterator().next();
        assertEquals("io.gatehouse.plugins.aws.dynamodb", adapter.getBundle().getSymbolicName());
        assertTrue(context.getService(adapter) != null);
        context.ungetService(adapter);
    }

    @Test
    public void theCredentialBrokerIsRegisteredOnceEtcGivesKeys() {
        Collection<ServiceReference<CredentialBroker>> brokers = await("a CredentialBroker",
                () -> Optional.of(references(CredentialBroker.class, null)).filter(list -> !list.isEmpty()),
                () -> "no CredentialBroker; components of io.gatehouse.credentials: " + components(
                        "io.gatehouse.credentials"));
        assertEquals(1, brokers.size());
        ServiceReference<CredentialBroker> broker = brokers.iterator().next();
        assertEquals("static", broker.getProperty(CredentialBroker.NAME));
        assertTrue("the broker cannot be obtained", context.getService(broker) != null);
        context.ungetService(broker);
    }

    @Test
    public void theProxyComponentsAreActiveAndTheDataPlaneListens() {
        Bundle proxy = installed("io.gatehouse.proxy");
        List<String> states = await("every io.gatehouse.proxy component active", () -> {
            List<String> all = components("io.gatehouse.proxy");
            boolean ready = !all.isEmpty() && all.stream().allMatch(line -> line.endsWith(" ACTIVE"));
            return ready ? Optional.of(all) : Optional.empty();
        }, () -> "components of io.gatehouse.proxy: " + components("io.gatehouse.proxy"));
        assertTrue(states.stream().anyMatch(line -> line.startsWith("io.gatehouse.proxy.internal.DataPlaneServer")));
        assertTrue(states.stream().anyMatch(line -> line.startsWith(
                "io.gatehouse.proxy.internal.keys.ConfiguredAccessKey")));
        assertTrue(states.stream().anyMatch(line -> line.startsWith(
                "io.gatehouse.proxy.internal.forward.ConfiguredEndpoint")));
        assertFalse(scr.getComponentDescriptionDTOs(proxy).isEmpty());
        int port = Integer.parseInt(System.getProperty(DATA_PORT));
        await("the data plane listening on 127.0.0.1:" + port, () -> accepts(port) ? Optional.of(port)
                : Optional.empty(), () -> "nothing listens on 127.0.0.1:" + port);
    }

    /** One line per component configuration: "name state"; a description without configuration counts as none. */
    private List<String> components(String symbolicName) {
        List<String> lines = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(installed(symbolicName))) {
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty()) {
                lines.add(description.name + " NO-CONFIGURATION (enabled=" + scr.isComponentEnabled(description)
                        + ")");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                lines.add(description.name + " " + stateOf(configuration));
            }
        }
        return lines;
    }

    private static String stateOf(ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE:
                return "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED:
                return "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                return "UNSATISFIED_REFERENCE " + Arrays.stream(configuration.unsatisfiedReferences)
                        .map(r -> r.name).collect(Collectors.toList());
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "FAILED_ACTIVATION " + configuration.failure;
            default:
                return "STATE " + configuration.state;
        }
    }

    private Bundle installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private <S> Collection<ServiceReference<S>> references(Class<S> type, String filter) {
        try {
            return context.getServiceReferences(type, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean isRunning(Bundle bundle) {
        boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
        return fragment ? bundle.getState() == Bundle.RESOLVED : bundle.getState() == Bundle.ACTIVE;
    }

    private static String state(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.INSTALLED:
                return "INSTALLED (unresolved)";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.ACTIVE:
                return "ACTIVE";
            default:
                return "state " + bundle.getState();
        }
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe, Supplier<String> diagnosis) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("no " + what + " within " + PATIENCE.toSeconds() + " s: " + diagnosis.get());
        throw new AssertionError();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A signed call goes through the data plane running inside the framework, is re-signed and reaches the upstream:
     * this exercises the embedded Undertow, SDK signer and Netty client from the bundle's own class path, which
     * unit tests on the flat class path cannot.
     */
    @Test
    public void aSignedCallIsForwardedFromInsideTheFramework() throws Exception {
        int dataPort = Integer.parseInt(System.getProperty(DATA_PORT));
        int upstreamPort = Integer.parseInt(System.getProperty(UPSTREAM_PORT));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer upstream = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", upstreamPort), 0);
        upstream.createContext("/", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"TableNames\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
        try {
            await("the data plane listening on 127.0.0.1:" + dataPort, () -> accepts(dataPort) ? Optional.of(dataPort)
                    : Optional.empty(), () -> "nothing listens on 127.0.0.1:" + dataPort);
            java.net.http.HttpResponse<String> response = await("a forwarded ListTables", () -> {
                java.net.http.HttpResponse<String> answer = TestSigner.listTables(dataPort, "AKIDGATEHOUSETEST01",
                        "client-secret-for-tests-only");
                return answer.statusCode() == 200 ? Optional.of(answer) : Optional.empty();
            }, () -> "last answer: " + TestSigner.describe(TestSigner.listTables(dataPort, "AKIDGATEHOUSETEST01",
                    "client-secret-for-tests-only")));
            assertEquals("{\"TableNames\":[]}", response.body());
            assertTrue("upstream saw " + seen, seen.stream().allMatch(a -> a.contains("Credential=AKIDUPSTREAMEXAMPLE1/")));
        } finally {
            upstream.stop(0);
        }
    }

    private static void writeConfiguration(Path etc, int dataPort, int controlPort, int upstreamPort)
            throws IOException {
        Files.writeString(etc.resolve("io.gatehouse.proxy.cfg"), "host = 127.0.0.1\nport = " + dataPort + "\n");
        Path policy = Files.createDirectories(etc.getParent().resolve("policy"));
        Files.writeString(policy.resolve("it.yaml"), "rules:\n  - id: it-allow-list-tables\n    effect: allow\n"
                + "    actions: [dynamodb:ListTables]\n    resources: [\"*\"]\n");
        Files.writeString(etc.resolve("io.gatehouse.policy.cfg"), "directory = " + policy + "\n");
        Files.writeString(etc.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.host = 127.0.0.1\n"
                + "org.osgi.service.http.port = " + controlPort + "\n");
        Files.writeString(etc.resolve("io.gatehouse.credentials.static.cfg"),
                "access.key.id = AKIDUPSTREAMEXAMPLE1\nsecret.access.key = upstream-secret-for-tests-only\n");
        Files.writeString(etc.resolve("io.gatehouse.proxy.accesskey-it.cfg"), "access.key.id = AKIDGATEHOUSETEST01\n"
                + "secret.access.key = client-secret-for-tests-only\nsubject = it\ngroups = tests\n");
        Files.writeString(etc.resolve("io.gatehouse.proxy.endpoint-dynamodb.cfg"), "service = dynamodb\n"
                + "region = *\nurl = http://127.0.0.1:" + upstreamPort + "\n");
    }
}
