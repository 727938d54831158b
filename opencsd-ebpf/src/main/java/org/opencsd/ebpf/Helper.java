package org.opencsd.ebpf;

import java.util.Objects;

/**
 * A helper function callable from eBPF with {@code call id}, or by name from an ELF object
 * (relocated at load). Immutable.
 *
 * @param id the call immediate, {@code >= 0}
 * @param name the symbol name (non-empty)
 * @param arity number of arguments (0-5) read from r1..r{arity}; the verifier checks they are set
 * @param function the implementation
 */
public record Helper(int id, String name, int arity, HelperFunction function) {
    public Helper {
        if (id < 0) throw new IllegalArgumentException("helper id must be >= 0: " + id);
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) throw new IllegalArgumentException("helper name must not be empty");
        if (arity < 0 || arity > 5) throw new IllegalArgumentException("arity must be 0-5: " + arity);
        Objects.requireNonNull(function, "function");
    }
}
