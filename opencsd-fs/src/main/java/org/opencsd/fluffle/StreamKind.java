package org.opencsd.fluffle;

/**
 * The two write streams, each with its own open data zone, so data the garbage collector moves
 * (cold: it survived a whole zone's lifetime) is not mixed with fresh writes (hot). Immutable.
 */
enum StreamKind {
    /** Writes by applications. */
    USER,
    /** Blocks the garbage collector relocates. */
    GC
}
