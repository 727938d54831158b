/* A kernel for the older ZCSD numbering (1 return_data, 2 read(lba, offset, u16 limit, data),
 * 3 get_lba_size, 4 get_mem_info), declared as the prototype's header did. Counts the u32 values
 * above RAND_MAX / 2 in the LBAs [first, first + count) given as two u64 parameters. */
#include <stdint.h>

static void (*bpf_return_data)(void *data, uint64_t size) = (void *) 1;
static void (*bpf_read)(uint64_t lba, uint64_t offset, uint16_t limit, void *data) = (void *) 2;
static uint64_t (*bpf_get_lba_siza)(void) = (void *) 3;
static void (*bpf_get_mem_info)(void **mem_ptr, uint64_t *mem_size) = (void *) 4;

#define RAND_MAX 2147483647

int main(uint64_t *params, uint64_t len) {
    if (len < 16) return -1;
    uint64_t lba_size = bpf_get_lba_siza();
    uint64_t buffer_size;
    void *buffer;
    bpf_get_mem_info(&buffer, &buffer_size);
    if (buffer_size < lba_size) return -1;
    uint64_t count = 0;
    uint32_t *ints = (uint32_t *) buffer;
    for (uint64_t lba = params[0]; lba < params[0] + params[1]; lba++) {
        bpf_read(lba, 0, (uint16_t) lba_size, buffer);
        for (uint64_t j = 0; j < lba_size / 4; j++) {
            if (ints[j] > RAND_MAX / 2) count++;
        }
    }
    bpf_return_data(&count, sizeof(count));
    return 0;
}
