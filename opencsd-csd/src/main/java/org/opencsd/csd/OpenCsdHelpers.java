package org.opencsd.csd;

import org.opencsd.ebpf.HelperRegistry;

/**
 * The OpenCSD helper ABI, ids 1-9 with the original's signatures (see {@code docs/helper-abi.md}):
 * <pre>
 * 1 void bpf_return_data(void *data, u64 size)
 * 2 int  bpf_read(u64 zone, u64 sector, u64 offset, u64 size, void *data)
 * 3 int  bpf_write(u64 zone, u64 *sector, u64 offset, u64 size, void *data)
 * 4 u64  bpf_get_sector_size(void)
 * 5 u64  bpf_get_zone_capacity(void)
 * 6 u64  bpf_get_zone_size(void)
 * 7 void bpf_get_mem_info(void **mem, u64 *size)
 * 8 void bpf_get_call_info(void **call)
 * 9 void bpf_debug(const char *s)
 * </pre>
 * LBA = zone * zone_size + sector; the call context's hole marker {@link CallContext#HOLE} (as
 * zone and sector, which is how kernels pass every listed LBA) reads as zeroes. Zone or sector out of range, LBAs outside the grant or
 * spanning zones, device errors: -1, device untouched (except device errors). Bad pointers:
 * the kernel faults. Stateless; thread-safe.
 */
public final class OpenCsdHelpers {
    public static final int RETURN_DATA = 1;
    public static final int READ = 2;
    public static final int WRITE = 3;
    public static final int GET_SECTOR_SIZE = 4;
    public static final int GET_ZONE_CAPACITY = 5;
    public static final int GET_ZONE_SIZE = 6;
    public static final int GET_MEM_INFO = 7;
    public static final int GET_CALL_INFO = 8;
    public static final int DEBUG = 9;

    static final HelperRegistry REGISTRY = HelperRegistry.builder()
            .add(RETURN_DATA, "bpf_return_data", 2, (c, a, b, x, y, z) -> HostHelpers.returnData(c, a, b))
            .add(READ, "bpf_read", 5, OpenCsdHelpers::read)
            .add(WRITE, "bpf_write", 5, (c, zone, sec, off, size, data) -> DeviceIo.append(c, zone, sec, off, size, data))
            .add(GET_SECTOR_SIZE, "bpf_get_sector_size", 0, (c, a, b, x, y, z) -> info(c).lbaSize())
            .add(GET_ZONE_CAPACITY, "bpf_get_zone_capacity", 0, (c, a, b, x, y, z) -> info(c).zoneCapacity())
            .add(GET_ZONE_SIZE, "bpf_get_zone_size", 0, (c, a, b, x, y, z) -> info(c).zoneSize())
            .add(GET_MEM_INFO, "bpf_get_mem_info", 2, (c, a, b, x, y, z) -> HostHelpers.memInfo(c, a, b))
            .add(GET_CALL_INFO, "bpf_get_call_info", 1, (c, a, b, x, y, z) -> HostHelpers.callInfo(c, a))
            .add(DEBUG, "bpf_debug", 1, (c, a, b, x, y, z) -> HostHelpers.debug(c, a))
            .build();

    private OpenCsdHelpers() {}

    /** The registry of ids 1-9. */
    public static HelperRegistry registry() {
        return REGISTRY;
    }

    private static long read(org.opencsd.ebpf.HelperContext c, long zone, long sector, long offset, long size, long data) {
        ExecutionState s = ExecutionState.of(c);
        var g = s.geometry;
        if (zone * g.zoneSize() + sector == CallContext.HOLE) return DeviceIo.readHole(c, offset, size, data);
        if (zone < 0 || zone >= g.zoneCount() || sector < 0 || sector >= g.zoneSize()) {
            s.enter(c);
            return s.failure();
        }
        return DeviceIo.read(c, g.zoneStart((int) zone) + sector, offset, size, data);
    }

    private static org.opencsd.zns.ZoneGeometry info(org.opencsd.ebpf.HelperContext c) {
        ExecutionState s = ExecutionState.of(c);
        s.enter(c);
        return s.geometry;
    }
}
