/* Sum (mod 2^64) of the little-endian u64 values in the bytes the call context describes.
 * Returns the sum as 8 bytes of return data; r0 = 0, or negative when the input is missing (-1)
 * or a read is refused (-2). */
#include "opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    uint64_t heap_size;
    void *heap;
    bpf_get_mem_info(&heap, &heap_size);
    uint64_t max_sectors = heap_size / sector_size;
    uint64_t count = csd_sector_count(call, sector_size), next = 0, left = call->dims.size;
    uint64_t sum = 0;
    int64_t n;
    while (left > 0 && (n = csd_read_run(csd_data_lbas(call), count, &next, zone_size, sector_size, heap, max_sectors)) > 0) {
        uint64_t bytes = (uint64_t) n < left ? (uint64_t) n : left;
        uint64_t *v = (uint64_t *) heap;
        for (uint64_t i = 0; i < bytes / 8; i++) sum += v[i];
        left -= bytes;
    }
    if (n < 0) return -2;
    bpf_return_data(&sum, sizeof(sum));
    return 0;
}
