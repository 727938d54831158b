/* The original's passthrough reader: returns the bytes of the request unchanged, min(dims.size,
 * ino.size) of them, read sector by sector into the heap (so at most the heap's size).
 * r0 = 0, -1 without input, -2 on a refused read, -3 for a write event, -4 when the heap is
 * too small for the request. */
#include "opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    if (call->op == FLFS_WRITE_EVENT) return -3;
    uint64_t sector_size = bpf_get_sector_size(), zone_size = bpf_get_zone_size();
    uint64_t heap_size;
    uint8_t *heap;
    bpf_get_mem_info((void **) &heap, &heap_size);
    uint64_t limit = call->dims.size < call->ino.size ? call->dims.size : call->ino.size;
    uint64_t sectors = (limit + sector_size - 1) / sector_size;
    if (sectors * sector_size > heap_size) return -4;
    uint64_t *lbas = csd_data_lbas(call);
    for (uint64_t i = 0; i < sectors; i++) {
        uint64_t zone, sector;
        lba_to_position(lbas[i], zone_size, &zone, &sector);
        if (bpf_read(zone, sector, 0, sector_size, heap + i * sector_size) != 0) return -2;
    }
    bpf_return_data(heap, limit);
    return 0;
}
