package io.gatehouse.proxy.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds instances of DS configuration annotations from defaults plus overrides, as SCR does. */
final class TestConfigs {

    private TestConfigs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = overrides.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        }));
    }
}
