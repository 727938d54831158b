/* Calls a helper forever: stopped only by the wall-time limit or the instruction budget. */
#include "../../../../kernels/opencsd_helpers.h"

int main() {
    uint64_t total = 0;
    for (;;) {
        total += bpf_get_sector_size();
        if (total == 1) break;
    }
    return 0;
}
