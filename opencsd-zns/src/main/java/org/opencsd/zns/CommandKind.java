package org.opencsd.zns;

/** The kinds of commands {@link IoStats} counts. Immutable; thread-safe. */
public enum CommandKind {
    READ, WRITE, APPEND, OPEN, CLOSE, FINISH, RESET, OFFLINE, SET_DESCRIPTOR_EXTENSION, REPORT_ZONES,
    FAULT_INJECTION, POWER_CYCLE;

    /** The kind that counts a Zone Management Send {@code action}. */
    public static CommandKind of(ZoneAction action) {
        return switch (action) {
            case OPEN -> OPEN;
            case CLOSE -> CLOSE;
            case FINISH -> FINISH;
            case RESET -> RESET;
            case OFFLINE -> OFFLINE;
            case SET_ZONE_DESCRIPTOR_EXTENSION -> SET_DESCRIPTOR_EXTENSION;
        };
    }
}
