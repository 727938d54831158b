/* byte_histogram written the way the original's entropy kernel was: bins and read buffer in
 * the heap (bpf_get_mem_info), one byte per step. Same result as byte_histogram.c (256
 * little-endian u32 bins; r0 = 0, -1 without input, -2 on a refused read); kept to measure
 * what the layout costs under the JIT (bench/entropy-rounds.sh MNT MIB ROUNDS this.o). */
#include "opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    uint64_t heap_size;
    uint8_t *heap;
    bpf_get_mem_info((void **) &heap, &heap_size);
    if (heap_size < 1024 + sector_size) return -1;
    uint32_t *bins = (uint32_t *) heap;
    for (int i = 0; i < 256; i++) bins[i] = 0;
    uint8_t *buf = heap + 1024;
    uint64_t max_sectors = (heap_size - 1024) / sector_size;
    uint64_t count = csd_sector_count(call, sector_size), next = 0, left = call->dims.size;
    int64_t n;
    while (left > 0 && (n = csd_read_run(csd_data_lbas(call), count, &next, zone_size, sector_size, buf, max_sectors)) > 0) {
        uint64_t bytes = (uint64_t) n < left ? (uint64_t) n : left;
        for (uint64_t i = 0; i < bytes; i++) bins[buf[i]]++;
        left -= bytes;
    }
    if (n < 0) return -2;
    bpf_return_data(bins, 256 * sizeof(uint32_t));
    return 0;
}
