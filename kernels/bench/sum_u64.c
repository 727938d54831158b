/* Sum of the input read as little-endian u64 words (a trailing partial word is ignored). */
#include "bench.h"

u64 main(const u64 *mem, u64 len) {
    u64 sum = 0;
    for (u64 i = 0; i < len / 8; i++) sum += mem[i];
    return sum;
}
