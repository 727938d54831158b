package org.opencsd.csd;

import org.opencsd.ebpf.HelperRegistry;

/**
 * The older ZCSD prototype's numbering ({@link HelperAbi#ZCSD_LEGACY}):
 * <pre>
 * 1 void bpf_return_data(void *data, u64 size)
 * 2 void bpf_read(u64 lba, u64 offset, u16 limit, void *data)    (returns 0, or -1 as OpenCSD's)
 * 3 u64  bpf_get_lba_size(void)
 * 4 void bpf_get_mem_info(void **mem, u64 *size)
 * </pre>
 * {@code limit} is truncated to 16 bits as the prototype's {@code uint16_t} parameter was. Same
 * checks as {@link OpenCsdHelpers}. Stateless; thread-safe.
 */
public final class ZcsdLegacyHelpers {
    public static final int RETURN_DATA = 1;
    public static final int READ = 2;
    public static final int GET_LBA_SIZE = 3;
    public static final int GET_MEM_INFO = 4;

    static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(RETURN_DATA, "bpf_return_data", 2, (c, a, b, x, y, z) -> HostHelpers.returnData(c, a, b))
            .add(READ, "bpf_read", 4, (c, lba, off, limit, data, z) -> DeviceIo.read(c, lba, off, limit & 0xffff, data))
            .add(GET_LBA_SIZE, "bpf_get_lba_siza", 0, (c, a, b, x, y, z) -> {
                ExecutionState s = ExecutionState.of(c);
                s.enter(c);
                return s.geometry.lbaSize();
            })
            .add(GET_MEM_INFO, "bpf_get_mem_info", 2, (c, a, b, x, y, z) -> HostHelpers.memInfo(c, a, b))
            .build();

    private ZcsdLegacyHelpers() {}

    /** The registry of ids 1-4. */
    public static HelperRegistry registry() {
        return REGISTRY;
    }
}
