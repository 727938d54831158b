#!/usr/bin/env bash
# Runs org.opencsd.bench.jit.JitCpuTimeRate for every kernel, input size and engine, one JVM
# each, and prints one line per run: KERNEL SIZE ENGINE MB/s-per-wall-second MB/s-per-CPU-second.
# For shared machines, where JMH's wall-clock figures depend on the load.
#
#   bench/jit-cpu-rates.sh [ROUNDS] [BASELINE]
#
# ROUNDS: one-second measuring rounds per run (default 3). BASELINE: the root of another
# checkout whose bench module is built (e.g. a `git archive` of an older commit); its JIT then
# runs too, right after this one's for each kernel and size, printed as engine "jit-baseline",
# so that before/after figures share the machine's state. KERNELS and SIZES (space-separated)
# narrow the runs. Each JVM launch draws its own speed on a shared VM (docs/jit.md, "Why one
# build runs at different speeds in different JVMs"), so ratios between these lines carry that
# spread; bench/jit-paired-rates.sh measures the engines in one JVM for ratios.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh") || exit 1
[ -d "$root/opencsd-bench/target/lib" ] || (cd "$root" && mvn -B -ntp -q -DskipTests package)
rounds=${1:-3}
baseline=${2:-}
if [ -n "$baseline" ] && [ ! -d "$baseline/opencsd-bench/target/lib" ]; then
  echo "jit-cpu-rates.sh: $baseline/opencsd-bench is not built" >&2
  exit 2
fi
run() { # CHECKOUT KERNEL SIZE ENGINE
  "$JAVA_HOME/bin/java" -cp "$1/opencsd-bench/target/classes:$1/opencsd-bench/target/lib/*" \
    org.opencsd.bench.jit.JitCpuTimeRate "$2" "$3" "$4" "$rounds"
}
for kernel in ${KERNELS:-SUM_U64 FILTER_COUNT_U32 FNV1A BYTE_HISTOGRAM BLOOM_PROBE CRC32C_4K}; do
  for size in ${SIZES:-4096 1048576 16777216}; do
    for vm in interpreter jit java; do
      run "$root" "$kernel" "$size" "$vm"
      if [ "$vm" = jit ] && [ -n "$baseline" ]; then
        run "$baseline" "$kernel" "$size" jit | sed 's/ jit / jit-baseline /'
      fi
    done
  done
done
