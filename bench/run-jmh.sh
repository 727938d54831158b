#!/usr/bin/env bash
# Runs the JMH benchmarks of opencsd-bench. Arguments go to JMH (e.g. a benchmark regex, -f 1).
# With no arguments, runs every benchmark. Results are written to bench/results/jmh-*.json.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh") || exit 1
[ -d "$root/opencsd-bench/target/lib" ] || (cd "$root" && mvn -B -ntp -q -DskipTests package)
mkdir -p "$root/bench/results"
out="$root/bench/results/jmh-$(date +%Y%m%d-%H%M%S).json"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$root/opencsd-bench/target/classes:$root/opencsd-bench/target/lib/*" \
  org.openjdk.jmh.Main -rf json -rff "$out" "$@"
