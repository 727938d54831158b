/* The original FluffleFS read kernel's structure, unchanged in substance: find the LBA list
 * after the call context, walk it with lba_to_position/next_data_lba reading one sector at a
 * time into the heap, return min(dims.size, ino.size) bytes. */
#include "../../../../kernels/opencsd_helpers.h"

static void find_data_lba(uint64_t **call_info) {
    *call_info = (uint64_t *) ((uint8_t *) *call_info + sizeof(struct flfs_call));
}

static void next_data_lba(uint64_t **cur_data_lba) {
    *cur_data_lba += 1;
}

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    uint64_t *cur_data_lba = (uint64_t *) call;
    find_data_lba((uint64_t **) &cur_data_lba);
    uint64_t zone_size = bpf_get_zone_size();
    uint64_t sector_size = bpf_get_sector_size();
    if (call == 0) return -1;
    if (*cur_data_lba == 0) return -2;
    if (call->op == FLFS_WRITE_EVENT) return -3;
    uint64_t buffer_size;
    void *buffer;
    bpf_get_mem_info(&buffer, &buffer_size);
    uint64_t data_limit = call->dims.size < call->ino.size ? call->dims.size : call->ino.size;
    uint64_t buffer_offset = 0;
    uint64_t zone, sector;
    while (buffer_offset < data_limit) {
        lba_to_position(*cur_data_lba, zone_size, &zone, &sector);
        bpf_read(zone, sector, 0, sector_size, buffer + buffer_offset);
        buffer_offset = buffer_offset + sector_size;
        next_data_lba(&cur_data_lba);
    }
    bpf_return_data(buffer, data_limit);
    return 0;
}
