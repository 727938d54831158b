package org.opencsd.csd;

/**
 * What a slot holds. Immutable.
 *
 * @param slot    the slot number
 * @param state   its state
 * @param program the program, or {@code null} when {@link SlotState#EMPTY}
 */
public record SlotInfo(int slot, SlotState state, LoadedProgram program) {}
