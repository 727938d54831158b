/* Count of the aligned little-endian u32 words equal to a pattern, in the bytes the call
 * context describes. The pattern is the first 4 bytes of the execution's parameter data
 * (r1 = its address, r2 = its length), 0 when there is none. Returns the count as 8 bytes;
 * r0 = 0, -1 without input, -2 on a refused read. */
#include "opencsd_helpers.h"

int main(const uint8_t *params, uint64_t params_len) {
    uint32_t pattern = 0;
    if (params != 0 && params_len >= 4) pattern = *(const uint32_t *) params;
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    uint64_t heap_size;
    void *heap;
    bpf_get_mem_info(&heap, &heap_size);
    uint64_t max_sectors = heap_size / sector_size;
    uint64_t count = csd_sector_count(call, sector_size), next = 0, left = call->dims.size;
    uint64_t matches = 0;
    int64_t n;
    while (left > 0 && (n = csd_read_run(csd_data_lbas(call), count, &next, zone_size, sector_size, heap, max_sectors)) > 0) {
        uint64_t bytes = (uint64_t) n < left ? (uint64_t) n : left;
        uint32_t *w = (uint32_t *) heap;
        for (uint64_t i = 0; i < bytes / 4; i++) {
            if (w[i] == pattern) matches++;
        }
        left -= bytes;
    }
    if (n < 0) return -2;
    bpf_return_data(&matches, sizeof(matches));
    return 0;
}
