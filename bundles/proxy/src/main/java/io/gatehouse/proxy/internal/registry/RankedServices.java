package io.gatehouse.proxy.internal.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.framework.Constants;

/**
 * An immutable, explicitly sorted snapshot of whiteboard services: highest {@code service.ranking} first, then the
 * lowest {@code service.id}. Adding or removing returns a new snapshot, so readers never see a half-updated list and
 * never depend on the order DS happened to inject in.
 *
 * @param <S> the service type
 */
public final class RankedServices<S> {

    /** One service with the properties it was registered with. */
    public record Entry<S>(S service, Map<String, Object> properties) {
        long id() {
            return ((Number) properties.getOrDefault(Constants.SERVICE_ID, Long.MAX_VALUE)).longValue();
        }

        int ranking() {
            Object ranking = properties.get(Constants.SERVICE_RANKING);
            return ranking instanceof Integer ? (Integer) ranking : 0;
        }
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::id);

    private final List<Entry<S>> entries;

    private RankedServices(List<Entry<S>> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return an empty snapshot */
    public static <S> RankedServices<S> empty() {
        return new RankedServices<>(List.of());
    }

    /**
     * @param service the service
     * @param properties its registration properties
     * @return a snapshot that also holds the service
     */
    public RankedServices<S> with(S service, Map<String, Object> properties) {
        List<Entry<S>> next = new ArrayList<>(entries);
        next.add(new Entry<>(service, Map.copyOf(properties)));
        next.sort(ORDER);
        return new RankedServices<>(next);
    }

    /**
     * @param service the service, compared by identity
     * @return a snapshot without it
     */
    public RankedServices<S> without(S service) {
        List<Entry<S>> next = new ArrayList<>(entries);
        next.removeIf(entry -> entry.service() == service);
        return new RankedServices<>(next);
    }

    /**
     * @param filter a test on the registration properties
     * @return the best-ranked service whose properties pass
     */
    public Optional<S> best(Predicate<Map<String, Object>> filter) {
        return entries.stream().filter(entry -> filter.test(entry.properties())).findFirst().map(Entry::service);
    }

    /** @return every entry, best first */
    public List<Entry<S>> entries() {
        return entries;
    }

    /**
     * @param key a property name
     * @param value the wanted value
     * @return a filter for {@link #best(Predicate)} matching a String property
     */
    public static Predicate<Map<String, Object>> property(String key, String value) {
        return properties -> Objects.equals(properties.get(key), value);
    }
}
