package io.gatehouse.proxy.internal;

import io.gatehouse.proxy.internal.forward.EndpointConfig;
import java.util.Map;

/** Configuration instances for tests in other packages. */
public final class TestConfigsAccess {

    private TestConfigsAccess() {
    }

    /**
     * @param service service
     * @param region region
     * @param url url
     * @return an endpoint configuration
     */
    public static EndpointConfig endpoint(String service, String region, String url) {
        return TestConfigs.of(EndpointConfig.class, Map.of("service", service, "region", region, "url", url));
    }
}
