/* Logs a line with bpf_debug, then appends one sector of 0xab bytes (the first 100 given, the
 * rest zero-padded by the device) to the zone of the call context's first LBA; returns the
 * assigned sector, or -1 when the append was refused. */
#include "../../../../kernels/opencsd_helpers.h"

int main() {
    bpf_debug("hello from the device");
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -2;
    uint64_t zone = csd_data_lbas(call)[0] / bpf_get_zone_size();
    uint8_t *heap;
    uint64_t heap_size;
    bpf_get_mem_info((void **) &heap, &heap_size);
    for (int i = 0; i < 100; i++) heap[i] = 0xab;
    uint64_t sector = 0;
    if (bpf_write(zone, &sector, 0, 100, heap) != 0) return -1;
    return (int) sector;
}
