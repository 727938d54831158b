package org.opencsd.csd;

import org.opencsd.ebpf.HelperRegistry;

/**
 * Which helper numbering a program is linked against; chosen when it is loaded into a slot.
 * Immutable; thread-safe.
 */
public enum HelperAbi {
    /**
     * OpenCSD's ids 1-9: return_data, read, write, get_sector_size, get_zone_capacity,
     * get_zone_size, get_mem_info, get_call_info, debug (see {@link OpenCsdHelpers}).
     */
    OPENCSD,
    /**
     * The older ZCSD prototype's ids 1-4: return_data, read(lba, offset, u16 limit, data),
     * get_lba_size, get_mem_info (see {@link ZcsdLegacyHelpers}).
     */
    ZCSD_LEGACY;

    /** The helpers of this ABI; shared, immutable, thread-safe. */
    public HelperRegistry registry() {
        return switch (this) {
            case OPENCSD -> OpenCsdHelpers.REGISTRY;
            case ZCSD_LEGACY -> ZcsdLegacyHelpers.REGISTRY;
        };
    }
}
