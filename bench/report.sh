#!/usr/bin/env bash
# Runs the report's benchmarks and writes bench/results/: jmh.json, gc-wa.json, results.csv,
# comparisons.csv, gc-wa.csv, one PNG chart per section and REPORT.md (see docs/bench.md).
#   bench/report.sh            full run (each benchmark's own settings; tens of minutes)
#   bench/report.sh --quick    short run (a few minutes on 2 cores)
#   bench/report.sh --render-only   regenerate the report from the files already in bench/results
# Other options: --progress (bar even when stderr is not a terminal), --results DIR.
# fio.json and db_bench.json, when the mount benchmarks have written them, add their sections.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh") || exit 1
[ -d "$root/opencsd-bench/target/lib" ] || (cd "$root" && mvn -B -ntp -q -DskipTests package)
cd "$root"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Djava.awt.headless=true ${JAVA_OPTS:-} \
  -cp "$root/opencsd-bench/target/classes:$root/opencsd-bench/target/lib/*" \
  org.opencsd.bench.report.BenchReport "$@"
