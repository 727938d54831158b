package org.opencsd.csd;

/**
 * The state of a program slot (NVMe Computational Programs: Load Program, Program Activation
 * Management). Transitions:
 * <pre>
 *   EMPTY --load--> LOADED --activate--> ACTIVE
 *   EMPTY <-unload-- LOADED <-deactivate- ACTIVE
 * </pre>
 * Only an ACTIVE program executes. Any other transition fails with the {@link CsdError} named in
 * {@link ProgramSlots}; a failed transition changes nothing. Immutable; thread-safe.
 */
public enum SlotState {
    /** No program. */
    EMPTY,
    /** A verified program, not runnable until activated. */
    LOADED,
    /** A verified program that executions may use. */
    ACTIVE
}
