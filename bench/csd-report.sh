#!/usr/bin/env bash
# Runs the computational-storage benchmarks (opencsd-bench, package org.opencsd.bench.csd) and
# prints the report: each kernel offloaded vs the host reading the same 256 MiB and computing the
# same answer (time, bytes moved to the host, ratios), then the per-execution overhead.
# Arguments go to JMH (e.g. -f 1 -i 3). Needs ~600 MiB free in the temp folder
# (-Dcsd.bench.dir=DIR via JAVA_OPTS to choose another).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh") || exit 1
[ -d "$root/opencsd-bench/target/lib" ] || (cd "$root" && mvn -B -ntp -q -DskipTests package)
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${JAVA_OPTS:-} \
  -cp "$root/opencsd-bench/target/classes:$root/opencsd-bench/target/lib/*" \
  org.opencsd.bench.csd.CsdBenchmarkReport "$@"
