package org.opencsd.ebpf;

/**
 * What a helper sees of the running program: checked access to its memory, the pc of the call
 * (for faults), and an optional host attachment set by whoever started the execution. One
 * instance per execution, reused across its helper calls; confined to the executing thread.
 */
public final class HelperContext {
    private final VmMemory memory;
    private final Object attachment;
    private final Fuel fuel;
    private int pc;

    public HelperContext(VmMemory memory, Object attachment) {
        this.memory = memory;
        this.attachment = attachment;
        this.fuel = new Fuel(attachment);
    }

    /** The execution's instruction budget, shared by every engine that runs part of it. */
    public Fuel fuel() {
        return fuel;
    }

    /** Sets the pc of the call being made; called by engines before each helper call. */
    public void setPc(int pc) {
        this.pc = pc;
    }

    /** The pc of the current call instruction. */
    public int pc() {
        return pc;
    }

    /** The host object given to the execution, or {@code null}. */
    public Object attachment() {
        return attachment;
    }

    /** The execution's memory; use the checked accessors below rather than the raw tables. */
    public VmMemory memory() {
        return memory;
    }

    public long load8(long address) {
        return memory.load8(address, pc);
    }

    public long load16(long address) {
        return memory.load16(address, pc);
    }

    public long load32(long address) {
        return memory.load32(address, pc);
    }

    public long load64(long address) {
        return memory.load64(address, pc);
    }

    public void store8(long address, long value) {
        memory.store8(address, value, pc);
    }

    public void store16(long address, long value) {
        memory.store16(address, value, pc);
    }

    public void store32(long address, long value) {
        memory.store32(address, value, pc);
    }

    public void store64(long address, long value) {
        memory.store64(address, value, pc);
    }

    /** Copies {@code length} bytes out of VM memory. */
    public byte[] read(long address, int length) {
        return memory.readBytes(address, length, pc);
    }

    /** Copies {@code data} into VM memory. */
    public void write(long address, byte[] data) {
        memory.writeBytes(address, data, pc);
    }

    /** A {@link FaultKind#HELPER_ERROR} fault at the current call, to be thrown by the helper. */
    public VmFault fail(String message) {
        return VmFault.at(FaultKind.HELPER_ERROR, pc, message);
    }
}
