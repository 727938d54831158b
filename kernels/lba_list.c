/* The LBAs of the request as the kernel sees them: the call context's LBA list, one
 * little-endian u64 per sector of dims.size (CSD_HOLE_LBA for a block the file never wrote).
 * For checking what a filesystem hands its kernels. r0 = 0, -1 without input. */
#include "opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
    uint64_t count = csd_sector_count(call, bpf_get_sector_size());
    bpf_return_data(csd_data_lbas(call), count * sizeof(uint64_t));
    return 0;
}
