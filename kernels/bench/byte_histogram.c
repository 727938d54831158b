/* Histogram of the input bytes (256 u64 counters in .bss); returns sum(i * count[i] * count[i])
 * so that the result depends on every counter. */
#include "bench.h"

u64 counts[256];

u64 main(const u8 *mem, u64 len) {
    for (int i = 0; i < 256; i++) counts[i] = 0;
    for (u64 i = 0; i < len; i++) counts[mem[i]]++;
    u64 r = 0;
    for (u64 i = 0; i < 256; i++) r += i * counts[i] * counts[i];
    return r;
}
