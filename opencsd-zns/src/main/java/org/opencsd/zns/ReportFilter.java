package org.opencsd.zns;

/**
 * The Reporting Options of Zone Management Receive: which zones a report lists.
 * {@link #code()} is the value in the command; {@link #matches(ZoneState)} the selection.
 * Immutable; thread-safe.
 */
public enum ReportFilter {
    ALL(0, null),
    EMPTY(1, ZoneState.EMPTY),
    IMPLICITLY_OPENED(2, ZoneState.IMPLICITLY_OPENED),
    EXPLICITLY_OPENED(3, ZoneState.EXPLICITLY_OPENED),
    CLOSED(4, ZoneState.CLOSED),
    FULL(5, ZoneState.FULL),
    READ_ONLY(6, ZoneState.READ_ONLY),
    OFFLINE(7, ZoneState.OFFLINE);

    private final int code;
    private final ZoneState state;

    ReportFilter(int code, ZoneState state) {
        this.code = code;
        this.state = state;
    }

    /** The Reporting Options value (0 = all zones). */
    public int code() {
        return code;
    }

    /** Whether a zone in state {@code s} is listed. */
    public boolean matches(ZoneState s) {
        return state == null || state == s;
    }

    /** The filter that lists only zones in state {@code s}. */
    public static ReportFilter of(ZoneState s) {
        for (ReportFilter f : values()) {
            if (f.state == s) return f;
        }
        throw new AssertionError(s);
    }
}
