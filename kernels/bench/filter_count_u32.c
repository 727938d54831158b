/* Count of the input's little-endian u32 values above a threshold (half of the u32 range,
 * so 50% selectivity on uniform data). */
#include "bench.h"

#define THRESHOLD 0x7fffffffu

u64 main(const u32 *mem, u64 len) {
    u64 count = 0;
    for (u64 i = 0; i < len / 4; i++) {
        if (mem[i] > THRESHOLD) count++;
    }
    return count;
}
