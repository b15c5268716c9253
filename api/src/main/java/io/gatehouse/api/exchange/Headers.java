package io.gatehouse.api.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, case-insensitive multimap of HTTP header fields. Names are kept in lower case; values keep their
 * order of arrival, which matters for signature verification.
 *
 * @since 1.0
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @return headers with no fields */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Copies the given map; names are lower-cased and values of names that differ only in case are merged in
     * iteration order.
     *
     * @param raw header names to values, not null
     * @return an immutable copy
     */
    public static Headers of(Map<String, ? extends List<String>> raw) {
        Builder builder = builder();
        raw.forEach((name, list) -> list.forEach(value -> builder.add(name, value)));
        return builder.build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param name a header name, any case
     * @return every value of that header in order of arrival, empty when absent
     */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * @param name a header name, any case
     * @return the first value of that header
     */
    public Optional<String> first(String name) {
        List<String> list = all(name);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * @param name a header name, any case
     * @return whether the header is present
     */
    public boolean contains(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** @return the lower-case header names, in order of first arrival */
    public Set<String> names() {
        return values.keySet();
    }

    /** @return an unmodifiable view: lower-case names to their values */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /**
     * @return a builder that starts with these headers
     */
    public Builder toBuilder() {
        Builder builder = builder();
        values.forEach((name, list) -> list.forEach(value -> builder.add(name, value)));
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers && ((Headers) other).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Header values are not printed: they may carry credentials. */
    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }

    /** Collects header fields; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Appends a value.
         *
         * @param name header name, any case
         * @param value header value
         * @return this builder
         */
        public Builder add(String name, String value) {
            values.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Replaces every value of a header with one value.
         *
         * @param name header name, any case
         * @param value the only value
         * @return this builder
         */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /**
         * Removes a header.
         *
         * @param name header name, any case
         * @return this builder
         */
        public Builder remove(String name) {
            values.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /** @return the immutable headers */
        public Headers build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
