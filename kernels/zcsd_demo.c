/* The original ZCSD demo: count the u32 values above RAND_MAX / 2 across a zone, reading one
 * sector per bpf_read into the heap, and return the count (u64) with bpf_return_data.
 * As in the original it walks sectors 0 .. zone capacity of one zone; the zone is the one the
 * call context's first LBA lies in (zone 0, the original's, when there is no call context).
 * Fill a zone with `opencsd csd fill IMAGE --zone N --seed S` (random u32s in [0, RAND_MAX]). */
#include "opencsd_helpers.h"

#define RAND_MAX 2147483647

int main() {
    uint64_t sector_size = bpf_get_sector_size();
    uint64_t zone_cap = bpf_get_zone_capacity();
    uint64_t zone_size = bpf_get_zone_size();
    uint64_t buffer_size;
    void *buffer;
    bpf_get_mem_info(&buffer, &buffer_size);
    if (buffer_size < sector_size) return -1;

    uint64_t zone = 0;
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call != 0 && call->dims.size > 0) zone = csd_data_lbas(call)[0] / zone_size;

    uint64_t ints_per_it = sector_size / sizeof(uint32_t);
    uint64_t count = 0;
    uint32_t *int_buf = (uint32_t *) buffer;
    for (uint64_t i = 0; i < zone_cap; i++) {
        if (bpf_read(zone, i, 0, sector_size, buffer) != 0) return -2;
        for (uint64_t j = 0; j < ints_per_it; j++) {
            if (int_buf[j] > RAND_MAX / 2) count++;
        }
    }
    bpf_return_data(&count, sizeof(uint64_t));
    return 0;
}
