package io.gatehouse.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsServletTest {

    private static HttpServletRequest request(String remote, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remote;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> null;
                });
    }

    @Test
    void onlyDirectLoopbackCallersCountAsThisMachine() {
        assertThat(CredentialsServlet.isDirectFromLoopback(request("127.0.0.1", Map.of()))).isTrue();
        assertThat(CredentialsServlet.isDirectFromLoopback(request("0:0:0:0:0:0:0:1", Map.of()))).isTrue();
        assertThat(CredentialsServlet.isDirectFromLoopback(request("10.1.2.3", Map.of()))).isFalse();
        assertThat(CredentialsServlet.isDirectFromLoopback(request("127.0.0.1",
                Map.of("X-Forwarded-For", "203.0.113.9")))).isFalse();
        assertThat(CredentialsServlet.isDirectFromLoopback(request("127.0.0.1",
                Map.of("Forwarded", "for=203.0.113.9")))).isFalse();
    }
}
