#!/usr/bin/env bash
# Runs org.opencsd.bench.jit.JitPairedRate for every kernel and input size: one JVM per kernel
# and size per pass, in which the interpreter, the JIT, the plain-Java version (and, with
# BASELINE, the JIT of that other built checkout) take turns in slices of SLICE_MS, so that their
# ratios share the JVM and the machine's state. Prints one line per JVM:
#   KERNEL SIZE interpreter=MB/s jit=MB/s java=MB/s [jit-baseline=MB/s]
#     jit/interpreter=MEDIAN[MIN-MAX] jit/java=MEDIAN[MIN-MAX] [jit/jit-baseline=MEDIAN[MIN-MAX]]
# (rates: medians per second of the thread's CPU time; ratios: of the per-round ratios).
#
#   bench/jit-paired-rates.sh [ROUNDS] [BASELINE]
#
# ROUNDS: measured rounds per JVM (default 8; two warm-up rounds come first). BASELINE: the root
# of another checkout whose bench module is built (e.g. a `git archive` of an older commit).
# KERNELS, SIZES (space-separated), PASSES (JVM launches per kernel and size, default 1) and
# SLICE_MS (default 250) narrow or widen the runs.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh") || exit 1
[ -d "$root/opencsd-bench/target/lib" ] || (cd "$root" && mvn -B -ntp -q -DskipTests package)
rounds=${1:-8}
baseline=${2:-}
if [ -n "$baseline" ] && [ ! -d "$baseline/opencsd-bench/target/lib" ]; then
  echo "jit-paired-rates.sh: $baseline/opencsd-bench is not built" >&2
  exit 2
fi
for pass in $(seq "${PASSES:-1}"); do
  for kernel in ${KERNELS:-SUM_U64 FILTER_COUNT_U32 FNV1A BYTE_HISTOGRAM BLOOM_PROBE CRC32C_4K}; do
    for size in ${SIZES:-4096 1048576 16777216}; do
      "$JAVA_HOME/bin/java" -cp "$root/opencsd-bench/target/classes:$root/opencsd-bench/target/lib/*" \
        org.opencsd.bench.jit.JitPairedRate "$kernel" "$size" "$rounds" "${SLICE_MS:-250}" $baseline
    done
  done
done
