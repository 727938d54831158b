#!/usr/bin/env bash
# Runs org.opencsd.bench.jit.JitCpuTimeRate for every kernel, input size and engine, one JVM
# each, and prints one line per run: KERNEL SIZE ENGINE MB/s-per-wall-second MB/s-per-CPU-second.
# For shared machines, where JMH's wall-clock figures depend on the load. Arguments: rounds
# per run (default 3).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh") || exit 1
[ -d "$root/opencsd-bench/target/lib" ] || (cd "$root" && mvn -B -ntp -q -DskipTests package)
rounds=${1:-3}
for kernel in SUM_U64 FILTER_COUNT_U32 FNV1A BYTE_HISTOGRAM BLOOM_PROBE CRC32C_4K; do
  for size in 4096 1048576 16777216; do
    for vm in interpreter jit java; do
      "$JAVA_HOME/bin/java" -cp "$root/opencsd-bench/target/classes:$root/opencsd-bench/target/lib/*" \
        org.opencsd.bench.jit.JitCpuTimeRate "$kernel" "$size" "$vm" "$rounds"
    done
  done
done
