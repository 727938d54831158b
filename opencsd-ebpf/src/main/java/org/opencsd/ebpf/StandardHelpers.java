package org.opencsd.ebpf;

/**
 * Helpers that every host of this engine offers. Currently the conformance suite's helper 5,
 * {@code identity}, which returns its first argument. Stateless; thread-safe.
 */
public final class StandardHelpers {
    /** Id of {@code identity}, the conformance suite's helper 5. */
    public static final int IDENTITY = 5;

    private static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(IDENTITY, "identity", 1, (ctx, r1, r2, r3, r4, r5) -> r1)
            .build();

    private StandardHelpers() {}

    /** A registry holding the standard helpers. */
    public static HelperRegistry registry() {
        return REGISTRY;
    }
}
