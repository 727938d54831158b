/* A write-stream kernel: returns its parameter data (the bytes being written, r1/r2) with ASCII
 * lower-case letters turned upper-case. r0 = 0, -1 without parameters or call context. */
#include "opencsd_helpers.h"

int main(uint8_t *data, uint64_t size) {
    struct flfs_call *call = 0;
    bpf_get_call_info((void **) &call);
    if (call == 0 || data == 0) return -1;
    for (uint64_t i = 0; i < size; i++) {
        if (data[i] >= 'a' && data[i] <= 'z') data[i] -= 32;
    }
    bpf_return_data(data, size);
    return 0;
}
