/* Test kernels for offload failures, compiled by OffloadFailureTest with clang -target bpf.
 * FAULT: loads from far outside its memory (data-dependent, so only the run can catch it).
 * LOOP: spins while the request is non-empty (only the device's limits end it). */
#include "../../../../kernels/opencsd_helpers.h"

int main() {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0) return -1;
#ifdef FAULT
    volatile uint8_t *far = (uint8_t *) call + call->dims.size * 4096;
    return *far;
#else
    volatile uint64_t spins = 0;
    while (call->dims.size != 0) spins++;
    return 0;
#endif
}
