package org.opencsd.csd;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The device's program slots and their state machine ({@link SlotState}). Every transition is
 * one compare-and-set on the slot's immutable {@link SlotInfo}, so concurrent loads, activations
 * and executions never see a half-made slot; a failed transition changes nothing. Executions
 * already running keep the program they started with, even if it is deactivated or unloaded
 * meanwhile.
 *
 * <p>Errors: a slot number out of range {@link CsdError#INVALID_SLOT}; load into a non-empty slot
 * {@link CsdError#SLOT_OCCUPIED}; unload/activate an empty slot {@link CsdError#SLOT_EMPTY};
 * unload an active one {@link CsdError#PROGRAM_ACTIVE}; activate an active one
 * {@link CsdError#ALREADY_ACTIVE}; deactivate, or execute, one that is not active
 * {@link CsdError#NOT_ACTIVE}. Thread-safe.
 */
final class ProgramSlots {
    private final AtomicReferenceArray<SlotInfo> slots;

    ProgramSlots(int count) {
        slots = new AtomicReferenceArray<>(count);
        for (int i = 0; i < count; i++) slots.set(i, new SlotInfo(i, SlotState.EMPTY, null));
    }

    int count() {
        return slots.length();
    }

    SlotInfo get(int slot) {
        if (slot < 0 || slot >= slots.length()) {
            throw new CsdException(CsdError.INVALID_SLOT, "slot " + slot + " does not exist (slots 0-" + (slots.length() - 1) + ")");
        }
        return slots.get(slot);
    }

    /** Fails with SLOT_OCCUPIED unless {@code slot} is EMPTY (checked again by {@link #load}). */
    void requireEmpty(int slot) {
        if (get(slot).state() != SlotState.EMPTY) throw occupied(slot);
    }

    /** EMPTY -> LOADED with {@code program}. */
    void load(int slot, LoadedProgram program) {
        SlotInfo cur = get(slot);
        if (cur.state() != SlotState.EMPTY || !slots.compareAndSet(slot, cur, new SlotInfo(slot, SlotState.LOADED, program))) {
            throw occupied(slot);
        }
    }

    private static CsdException occupied(int slot) {
        return new CsdException(CsdError.SLOT_OCCUPIED, "slot " + slot + " already holds a program (unload it first)");
    }

    /** LOADED -> EMPTY. */
    void unload(int slot) {
        transition(slot, SlotState.LOADED, SlotState.EMPTY);
    }

    /** LOADED -> ACTIVE. */
    void activate(int slot) {
        transition(slot, SlotState.LOADED, SlotState.ACTIVE);
    }

    /** ACTIVE -> LOADED. */
    void deactivate(int slot) {
        transition(slot, SlotState.ACTIVE, SlotState.LOADED);
    }

    /** The active program of {@code slot}. */
    LoadedProgram active(int slot) {
        SlotInfo cur = get(slot);
        if (cur.state() != SlotState.ACTIVE) throw refusal(slot, cur.state(), SlotState.ACTIVE, "execute");
        return cur.program();
    }

    private void transition(int slot, SlotState from, SlotState to) {
        while (true) {
            SlotInfo cur = get(slot);
            if (cur.state() != from) throw refusal(slot, cur.state(), from, verb(from, to));
            LoadedProgram p = to == SlotState.EMPTY ? null : cur.program();
            if (slots.compareAndSet(slot, cur, new SlotInfo(slot, to, p))) return;
        }
    }

    private static String verb(SlotState from, SlotState to) {
        if (to == SlotState.EMPTY) return "unload";
        return to == SlotState.ACTIVE ? "activate" : "deactivate";
    }

    private static CsdException refusal(int slot, SlotState actual, SlotState needed, String verb) {
        CsdError e = switch (actual) {
            case EMPTY -> CsdError.SLOT_EMPTY;
            case ACTIVE -> verb.equals("unload") ? CsdError.PROGRAM_ACTIVE : CsdError.ALREADY_ACTIVE;
            case LOADED -> CsdError.NOT_ACTIVE;
        };
        String why = switch (e) {
            case SLOT_EMPTY -> "slot " + slot + " holds no program";
            case PROGRAM_ACTIVE -> "the program in slot " + slot + " is active (deactivate it first)";
            case ALREADY_ACTIVE -> "the program in slot " + slot + " is already active";
            default -> "the program in slot " + slot + " is not active";
        };
        return new CsdException(e, "cannot " + verb + ": " + why + " (state " + actual + ", needs " + needed + ")");
    }
}
