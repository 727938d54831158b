/* The original's "average" kernel, properly named: counts the little-endian u32 values above
 * RAND_MAX / 2 (0x3fffffff) in the bytes of the request (dims.size, whole u32s only).
 * Returns one little-endian u64 (8 bytes); r0 = 0, -1 without input, -2 on a refused read. */
#include "opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    uint64_t heap_size;
    uint8_t *heap;
    bpf_get_mem_info((void **) &heap, &heap_size);
    if (heap_size < 8 + sector_size) return -1;
    uint64_t *count_out = (uint64_t *) heap;
    uint8_t *buf = heap + 8;
    uint64_t max_sectors = (heap_size - 8) / sector_size;
    uint64_t count = csd_sector_count(call, sector_size), next = 0, left = call->dims.size, above = 0;
    int64_t n;
    while (left >= 4 && (n = csd_read_run(csd_data_lbas(call), count, &next, zone_size, sector_size, buf, max_sectors)) > 0) {
        uint64_t bytes = (uint64_t) n < left ? (uint64_t) n : left;
        uint32_t *words = (uint32_t *) buf;
        for (uint64_t i = 0; i < bytes / 4; i++) {
            if (words[i] > 0x3fffffffu) above++;
        }
        left -= bytes;
    }
    if (n < 0) return -2;
    *count_out = above;
    bpf_return_data(count_out, 8);
    return 0;
}
