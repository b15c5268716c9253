package io.gatehouse.runtime.internal.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.felix.metatype.DefaultMetaTypeProvider;
import org.apache.felix.metatype.Designate;
import org.apache.felix.metatype.MetaData;
import org.apache.felix.metatype.MetaDataReader;
import org.osgi.framework.Bundle;

/**
 * An {@link OcdLookup} over metatype XML (as bnd writes it into OSGI-INF/metatype/), answered by Felix Metatype's own
 * classes, so that the validator meets the {@code validate} results the runtime really gets.
 */
final class FelixMetatype implements OcdLookup {

    private final DefaultMetaTypeProvider provider;
    private final MetaData metaData;

    private FelixMetatype(MetaData metaData) {
        this.metaData = metaData;
        // Felix asks the bundle only for localisation resources; an inert bundle has none.
        Bundle bundle = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> method.getReturnType() == java.util.Dictionary.class
                        ? new java.util.Hashtable<String, String>()
                        : method.getReturnType() == long.class ? 0L
                        : method.getReturnType() == int.class ? 0
                        : method.getReturnType() == boolean.class ? false : null);
        this.provider = new DefaultMetaTypeProvider(bundle, metaData);
    }

    static FelixMetatype of(String xml) {
        try {
            return new FelixMetatype(new MetaDataReader().parse(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<org.osgi.service.metatype.ObjectClassDefinition> find(String pid, boolean factory) {
        for (Object object : metaData.getDesignates()) {
            Designate designate = (Designate) object;
            String designated = factory ? designate.getFactoryPid() : designate.getPid();
            if (pid.equals(designated)) {
                return Optional.ofNullable(provider.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }
}
