package io.gatehouse.proxy.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proxy.internal.error.GatewayException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointResolverTest {

    private final EndpointResolver resolver = new EndpointResolver();

    @Test
    void defaultsToTheAwsRegionalEndpoint() {
        assertThat(resolver.resolve("dynamodb", "eu-west-1"))
                .isEqualTo(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
    }

    @Test
    void prefersTheExactRegionThenTheWildcard() {
        resolver.bindEndpoint(new ConfiguredEndpoint("dynamodb", "*", "http://127.0.0.1:8000"));
        resolver.bindEndpoint(new ConfiguredEndpoint("dynamodb", "us-east-1", "http://127.0.0.1:9000/"));

        assertThat(resolver.resolve("dynamodb", "us-east-1")).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(resolver.resolve("dynamodb", "eu-west-1")).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(resolver.resolve("sqs", "eu-west-1")).isEqualTo(URI.create("https://sqs.eu-west-1.amazonaws.com"));
    }

    @Test
    void forgetsUnboundEndpoints() {
        ConfiguredEndpoint local = new ConfiguredEndpoint("dynamodb", "*", "http://127.0.0.1:8000");
        resolver.bindEndpoint(local);
        resolver.unbindEndpoint(local);

        assertThat(resolver.resolve("dynamodb", "eu-west-1").getHost()).isEqualTo("dynamodb.eu-west-1.amazonaws.com");
    }

    @Test
    void aCredentialScopeCannotSteerTheCallToAnotherHost() {
        for (String region : new String[] {"evil.com#", "x/y", "eu-west-1.attacker.net", "a@b", "", "A"}) {
            assertThatThrownBy(() -> resolver.resolve("dynamodb", region)).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("not valid AWS names");
        }
        assertThatThrownBy(() -> resolver.resolve("s3.attacker.net", "us-east-1"))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void configuredEndpointsMustBeBareUrls() {
        for (String url : new String[] {"ftp://x", "http://", "http://h/path", "http://h?q=1", "http://u:p@h", "h:1"}) {
            assertThatThrownBy(() -> new ConfiguredEndpoint("dynamodb", "*", url))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ConfiguredEndpoint("Dyn amo", "*", "http://h"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidEndpointFileRefusesCallsInsteadOfFallingBackToAws() {
        EndpointConfig broken = io.gatehouse.proxy.internal.TestConfigsAccess.endpoint("dynamodb", "*", "ftp://x");
        ConfiguredEndpoint invalid = new ConfiguredEndpoint(broken,
                java.util.Map.of("felix.fileinstall.filename", "file:/gh/etc/io.gatehouse.proxy.endpoint-bad.cfg"));
        resolver.bindEndpoint(invalid);

        assertThat(invalid.problem()).get().asString().contains("endpoint-bad.cfg").contains("url must be");
        assertThatThrownBy(() -> resolver.resolve("dynamodb", "us-east-1")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("endpoint-bad.cfg is invalid");

        resolver.unbindEndpoint(invalid);
        assertThat(resolver.resolve("dynamodb", "us-east-1").getHost()).isEqualTo("dynamodb.us-east-1.amazonaws.com");
    }
}
