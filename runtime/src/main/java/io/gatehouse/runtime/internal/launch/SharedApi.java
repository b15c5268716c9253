package io.gatehouse.runtime.internal.launch;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Services the launcher uses from outside the framework. Their API packages are exported by the system bundle
 * ({@code org.osgi.framework.system.packages.extra}) so that the launcher and the bundles share one class.
 */
final class SharedApi {

    private SharedApi() {
    }

    /**
     * @param context the system bundle's context
     * @param type the service interface, loaded by the launcher
     * @return the service's reference
     * @throws IllegalStateException when the service is missing, or registered by a bundle that does not share the
     *         launcher's API package (its provider then wired to its own copy: a packaging error)
     */
    static <S> ServiceReference<S> reference(BundleContext context, Class<S> type) {
        ServiceReference<S> reference = context.getServiceReference(type);
        if (reference != null) {
            return reference;
        }
        try {
            if (context.getAllServiceReferences(type.getName(), null) != null) {
                throw new IllegalStateException(type.getName() + " is registered, but its provider does not import "
                        + type.getPackageName() + " from the system bundle");
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " service: is its bundle in system/?");
    }
}
