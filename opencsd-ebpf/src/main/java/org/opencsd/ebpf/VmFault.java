package org.opencsd.ebpf;

import java.util.Locale;

/**
 * A fault that stopped a running program. Carries the program counter (instruction slot index)
 * of the faulting instruction, the kind, and for memory faults the virtual address, access size
 * and region. Immutable.
 */
public final class VmFault extends BpfException {
    private final FaultKind kind;
    private final int pc;
    private final long address;
    private final int accessSize;
    private final Region region;

    private VmFault(FaultKind kind, int pc, long address, int accessSize, Region region, String message) {
        super(message);
        this.kind = kind;
        this.pc = pc;
        this.address = address;
        this.accessSize = accessSize;
        this.region = region;
    }

    /** A memory fault of {@code size} bytes at {@code address}. */
    public static VmFault memory(FaultKind kind, int pc, long address, int size) {
        Region region = Region.ofAddress(address);
        String what = switch (kind) {
            case READ_ONLY -> "write to read-only memory";
            case MISALIGNED -> "misaligned atomic access";
            case UNMAPPED -> "access to unmapped memory";
            default -> "out-of-bounds access";
        };
        String msg = String.format(Locale.ROOT, "%s at pc %d: %d bytes at 0x%x (region %s, offset 0x%x)",
                what, pc, size, address, region.label(address), address & 0xffffffffL);
        return new VmFault(kind, pc, address, size, region, msg);
    }

    /** A non-memory fault at {@code pc} with a message describing it. */
    public static VmFault at(FaultKind kind, int pc, String message) {
        return new VmFault(kind, pc, 0, 0, null, message + " at pc " + pc);
    }

    public FaultKind kind() {
        return kind;
    }

    /** The instruction slot index of the faulting instruction. */
    public int pc() {
        return pc;
    }

    /** The virtual address of a memory fault, 0 otherwise. */
    public long address() {
        return address;
    }

    /** The access width in bytes of a memory fault, 0 otherwise. */
    public int accessSize() {
        return accessSize;
    }

    /** The region of a memory fault's address, or {@code null} for other faults. */
    public Region region() {
        return region;
    }
}
