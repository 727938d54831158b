typedef unsigned long long u64;
typedef unsigned char u8;

extern u64 identity(u64 x);                    /* helper relocated by symbol name */
static u64 (*identity_by_id)(u64) = (void *)5; /* helper as a plain "call 5" */

static const u64 table[4] = {10, 20, 30, 40}; /* .rodata */
u64 counter = 7;                              /* .data */
u64 zeroed[2];                                /* .bss */
static const char message[] = "hello world";  /* .rodata (string) */
static const unsigned int primes[16] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53}; /* .rodata */
u64 *counter_ptr = &counter;                  /* a pointer in .data: R_BPF_64_ABS64 */

static __attribute__((noinline)) u64 square(u64 x) { return x * x; }
__attribute__((noinline)) u64 twice(u64 x) { return square(x) + x; }
static __attribute__((noinline)) u64 add_one(u64 x) { return x + 1; }
static __attribute__((noinline)) u64 add_two(u64 x) { return x + 2; }

u64 main(u8 *mem, u64 len) {
    u64 r = table[len & 3];                     /* len 4: table[0] = 10 */
    counter += 1;
    zeroed[len & 1] = counter;                  /* 8 */
    r += zeroed[0] + zeroed[1];                 /* 18 */
    r += identity(1000) + identity_by_id(10000);/* 11018 */
    r += twice(len);                            /* + 16 + 4 = 11038 */
    r += message[len];                          /* message[4] = 'o' (111): 11149 */
    u64 (*volatile fp)(u64) = (len & 1) ? add_one : add_two;
    r += fp(0);                                 /* len even: + 2 = 11151 */
    if (len > 0) r += mem[0];                   /* + mem[0] */
    r += primes[len & 15];                      /* primes[4] = 11 */
    *counter_ptr += 100;                        /* counter = 108 */
    r += counter;
    return r;
}
