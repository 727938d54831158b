package org.opencsd.ebpf;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of helpers, looked up by id or by name. Built with {@link #builder()};
 * thread-safe once built.
 */
public final class HelperRegistry {
    private static final HelperRegistry EMPTY = builder().build();

    private final Map<Integer, Helper> byId;
    private final Map<String, Helper> byName;

    private HelperRegistry(Map<Integer, Helper> byId, Map<String, Helper> byName) {
        this.byId = Collections.unmodifiableMap(new TreeMap<>(byId));
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /** A registry with no helpers. */
    public static HelperRegistry empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The helper with call id {@code id}. */
    public Optional<Helper> byId(long id) {
        return id < 0 || id > Integer.MAX_VALUE ? Optional.empty() : Optional.ofNullable(byId.get((int) id));
    }

    /** The helper named {@code name}. */
    public Optional<Helper> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All helpers, in id order. */
    public Collection<Helper> helpers() {
        return byId.values();
    }

    /** A new builder holding this registry's helpers, to extend it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        helpers().forEach(b::add);
        return b;
    }

    /** Collects helpers; ids and names must be unique. Not thread-safe. */
    public static final class Builder {
        private final Map<Integer, Helper> byId = new TreeMap<>();
        private final Map<String, Helper> byName = new TreeMap<>();

        private Builder() {}

        public Builder add(Helper helper) {
            if (byId.containsKey(helper.id())) throw new IllegalArgumentException("duplicate helper id " + helper.id());
            if (byName.containsKey(helper.name())) throw new IllegalArgumentException("duplicate helper name " + helper.name());
            byId.put(helper.id(), helper);
            byName.put(helper.name(), helper);
            return this;
        }

        public Builder add(int id, String name, int arity, HelperFunction function) {
            return add(new Helper(id, name, arity, function));
        }

        public HelperRegistry build() {
            return new HelperRegistry(byId, byName);
        }
    }
}
