package io.gatehouse.runtime.internal.config;

import java.util.Optional;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds the metatype description of a configuration PID. */
@FunctionalInterface
public interface OcdLookup {

    /**
     * @param pid the PID, or the factory PID of a factory configuration
     * @param factory whether {@code pid} is a factory PID
     * @return the description, or empty when nothing installed describes the PID
     */
    Optional<ObjectClassDefinition> find(String pid, boolean factory);
}
