package org.opencsd.zns;

/**
 * The NVMe completion statuses a zoned namespace can return, each with its status code type
 * (SCT), status code (SC) and Do Not Retry bit (DNR), as QEMU's emulated ZNS controller sets
 * them. {@link #value()} is the 16-bit status a host sees, {@code (DNR << 14) | (SCT << 8) | SC};
 * {@link #code()} is the same without the DNR bit. Names and descriptions are nvme-cli's.
 *
 * <p>Immutable; safe to share between threads.
 */
public enum NvmeStatus {
    /** Generic 01h. */
    INVALID_OPCODE(0x0, 0x01, true, "Invalid Command Opcode",
            "A reserved coded value or an unsupported value in the command opcode field"),
    /** Generic 02h: bad field, transfer over MDTS or ZASL, append not at a zone start. */
    INVALID_FIELD(0x0, 0x02, true, "Invalid Field in Command",
            "A reserved coded value or an unsupported value in a defined field"),
    /** Generic 80h: an LBA range outside the namespace. */
    LBA_OUT_OF_RANGE(0x0, 0x80, true, "LBA Out of Range",
            "The command references an LBA that exceeds the size of the namespace"),
    /** Media 80h. */
    WRITE_FAULT(0x2, 0x80, false, "Write Fault",
            "The write data could not be committed to the media"),
    /** Media 81h. */
    UNRECOVERED_READ_ERROR(0x2, 0x81, false, "Unrecovered Read Error",
            "The read data could not be recovered from the media"),
    /** Command specific B6h. */
    INVALID_ZONE_OPERATION_REQUEST(0x1, 0xB6, true, "Invalid Zone Operation Request",
            "The operation requested is invalid"),
    /** Command specific B7h. */
    ZRWA_RESOURCES_UNAVAILABLE(0x1, 0xB7, true, "ZRWA Resources Unavailable",
            "No ZRWAs are available"),
    /** Command specific B8h (nvme-cli spells it "Zoned Boundary Error"). */
    ZONE_BOUNDARY_ERROR(0x1, 0xB8, true, "Zoned Boundary Error", "Invalid Zone Boundary crossing"),
    /** Command specific B9h. */
    ZONE_IS_FULL(0x1, 0xB9, true, "Zone Is Full", "The accessed zone is in ZSF:Full state"),
    /** Command specific BAh. */
    ZONE_IS_READ_ONLY(0x1, 0xBA, true, "Zone Is Read Only",
            "The accessed zone is in ZSRO:Read Only state"),
    /** Command specific BBh. */
    ZONE_IS_OFFLINE(0x1, 0xBB, true, "Zone Is Offline", "The access zone is in ZSO:Offline state"),
    /** Command specific BCh: a write not at the write pointer. */
    ZONE_INVALID_WRITE(0x1, 0xBC, true, "Zone Invalid Write",
            "The write to zone was not at the write pointer offset"),
    /** Command specific BDh. */
    TOO_MANY_ACTIVE_ZONES(0x1, 0xBD, true, "Too Many Active Zones",
            "The controller does not allow additional active zones"),
    /** Command specific BEh. */
    TOO_MANY_OPEN_ZONES(0x1, 0xBE, true, "Too Many Open Zones",
            "The controller does not allow additional open zones"),
    /** Command specific BFh. */
    INVALID_ZONE_STATE_TRANSITION(0x1, 0xBF, true, "Invalid Zone State Transition",
            "The zone state change was invalid");

    private final int sct;
    private final int sc;
    private final boolean dnr;
    private final String title;
    private final String description;

    NvmeStatus(int sct, int sc, boolean dnr, String title, String description) {
        this.sct = sct;
        this.sc = sc;
        this.dnr = dnr;
        this.title = title;
        this.description = description;
    }

    /** Status code type (0 generic, 1 command specific, 2 media and data integrity). */
    public int sct() {
        return sct;
    }

    /** Status code within its type. */
    public int sc() {
        return sc;
    }

    /** Whether the Do Not Retry bit is set. */
    public boolean dnr() {
        return dnr;
    }

    /** {@code (SCT << 8) | SC}, e.g. 0x1bc for Zone Invalid Write. */
    public int code() {
        return (sct << 8) | sc;
    }

    /** The 16-bit status field a host sees: {@code (DNR << 14) | (SCT << 8) | SC}, e.g. 0x41bc. */
    public int value() {
        return (dnr ? 1 << 14 : 0) | code();
    }

    /** nvme-cli's short name, e.g. {@code Zone Invalid Write}. */
    public String title() {
        return title;
    }

    /** nvme-cli's explanation after the name. */
    public String description() {
        return description;
    }

    /** The name with its code, e.g. {@code Zone Invalid Write (0x1bc)}. */
    public String label() {
        return title + " (0x" + Integer.toHexString(code()) + ")";
    }

    /** nvme-cli's error line: {@code NVMe status: Zone Invalid Write: The write ... offset(0x41bc)}. */
    public String nvmeCliMessage() {
        return "NVMe status: " + title + ": " + description + "(0x" + Integer.toHexString(value()) + ")";
    }
}
