package org.opencsd.zns;

/**
 * The Zone Send Action codes of Zone Management Send (opcode 79h). Immutable; thread-safe.
 */
public enum ZoneAction {
    CLOSE(0x01),
    FINISH(0x02),
    OPEN(0x03),
    RESET(0x04),
    OFFLINE(0x05),
    SET_ZONE_DESCRIPTOR_EXTENSION(0x10);

    private final int code;

    ZoneAction(int code) {
        this.code = code;
    }

    /** The Zone Send Action value. */
    public int code() {
        return code;
    }

    /** Whether Select All applies this action to a zone in state {@code s}. */
    public boolean selectAllAppliesTo(ZoneState s) {
        return switch (this) {
            case OPEN -> s == ZoneState.CLOSED;
            case CLOSE -> s.isOpen();
            case FINISH -> s.isActive();
            case RESET -> s.isActive() || s == ZoneState.FULL;
            case OFFLINE -> s == ZoneState.READ_ONLY;
            case SET_ZONE_DESCRIPTOR_EXTENSION -> false;
        };
    }
}
