package org.opencsd.fuse;

import java.util.Objects;

/**
 * The answer to create: the new entry (counting one lookup, as {@link Entry} says) and the open
 * file made by the same call.
 */
public record CreateResult(Entry entry, OpenResult open) {

    public CreateResult {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(open, "open");
    }
}
