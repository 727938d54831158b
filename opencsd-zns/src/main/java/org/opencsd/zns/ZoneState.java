package org.opencsd.zns;

/**
 * The zone states of the NVMe ZNS command set. {@link #code()} is the state value (the
 * descriptor's ZS byte holds {@code code << 4}); {@link #nvmeCliName()} is nvme-cli's verbose name.
 * Immutable; thread-safe.
 */
public enum ZoneState {
    EMPTY(0x1, "EMPTY"),
    IMPLICITLY_OPENED(0x2, "IMP_OPENED"),
    EXPLICITLY_OPENED(0x3, "EXP_OPENED"),
    CLOSED(0x4, "CLOSED"),
    READ_ONLY(0xD, "READONLY"),
    FULL(0xE, "FULL"),
    OFFLINE(0xF, "OFFLINE");

    private final int code;
    private final String nvmeCliName;

    ZoneState(int code, String nvmeCliName) {
        this.code = code;
        this.nvmeCliName = nvmeCliName;
    }

    /** The 4-bit state value. */
    public int code() {
        return code;
    }

    /** The descriptor's ZS byte: {@code code << 4}. */
    public int descriptorByte() {
        return code << 4;
    }

    /** nvme-cli's verbose name, e.g. {@code IMP_OPENED}. */
    public String nvmeCliName() {
        return nvmeCliName;
    }

    /** Implicitly or explicitly opened: holds an open and an active resource. */
    public boolean isOpen() {
        return this == IMPLICITLY_OPENED || this == EXPLICITLY_OPENED;
    }

    /** Open or Closed: holds an active resource. */
    public boolean isActive() {
        return isOpen() || this == CLOSED;
    }

    /** The state with this 4-bit value. */
    public static ZoneState ofCode(int code) {
        for (ZoneState s : values()) {
            if (s.code == code) return s;
        }
        throw new IllegalArgumentException("no zone state has code 0x" + Integer.toHexString(code));
    }
}
