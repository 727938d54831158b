/* The worked example of the README ("Write and attach your own kernel"): counts the newline
 * bytes in the part of the file a read asks for and returns the count, one little-endian u64,
 * instead of the data; logs one bpf_debug line per run. r0 = 0, -1 without input, -2 on a
 * refused read. */
#include "opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);           /* which blocks of the file this read covers */
    if (call == 0) return -1;
    bpf_debug("line_count: counting");
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    uint64_t heap_size;
    uint8_t *heap;
    bpf_get_mem_info((void **) &heap, &heap_size); /* scratch memory on the device */
    if (heap_size < 8 + sector_size) return -1;
    uint64_t *result = (uint64_t *) heap;
    uint8_t *buf = heap + 8;
    uint64_t max_sectors = (heap_size - 8) / sector_size;
    uint64_t count = csd_sector_count(call, sector_size), next = 0, left = call->dims.size, lines = 0;
    int64_t n = 0;
    while (left > 0 && (n = csd_read_run(csd_data_lbas(call), count, &next, zone_size, sector_size, buf, max_sectors)) > 0) {
        uint64_t bytes = (uint64_t) n < left ? (uint64_t) n : left;
        for (uint64_t i = 0; i < bytes; i++) {
            if (buf[i] == '\n') lines++;
        }
        left -= bytes;
    }
    if (n < 0) return -2;
    *result = lines;
    bpf_return_data(result, 8);                   /* what the reader receives */
    return 0;
}
