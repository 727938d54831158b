#!/usr/bin/env bash
# Entropy of one file on a mounted FluffleFS, offloaded (byte_histogram on the device, 1 KiB per
# 512 KiB request) vs plain (read the whole file through the mount + NumPy histogram on the
# host), in alternating rounds, page cache dropped before each run (needs root for that).
# Prints every run (wall time, bytes moved to the reader, CPU seconds of the reader and of the
# mount daemon), then the medians and their ratio.
#   bench/entropy-rounds.sh MOUNTPOINT MIB [ROUNDS [KERNEL.o]]
# (default 3 rounds and the bundled byte_histogram; writes MOUNTPOINT/entropy-data)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mnt=${1:?usage: entropy-rounds.sh MOUNTPOINT MIB [ROUNDS]}
mib=${2:?usage: entropy-rounds.sh MOUNTPOINT MIB [ROUNDS]}
rounds=${3:-3}
kernel=${4:-$(find "$root/opencsd-csd/target/classes" -name byte_histogram.o | head -1)}
[ -f "$kernel" ] || { echo "no kernel object ${kernel:-byte_histogram.o (not built: mvn package)}" >&2; exit 1; }
cp "$kernel" "$mnt/byte_histogram.o"
echo "  kernel: $kernel (sha256 $(sha256sum "$kernel" | cut -c1-12)), load: $(cut -d' ' -f1-3 /proc/loadavg)"
head -c $((mib << 20)) /dev/urandom > "$mnt/entropy-data"
sync
daemon=$(pgrep -f "org.opencsd.cli.Main mount .*$(readlink -f "$mnt")( |\$)" | head -1 || true)
python3 - "$root/examples/entropy.py" "$mnt" "$rounds" "$daemon" <<'PY'
import os, re, statistics, subprocess, sys
script, mnt, rounds, daemon = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def daemon_cpu():
    if not daemon: return 0.0
    f = open(f"/proc/{daemon}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def run(how):
    subprocess.run(["sync"]); open("/proc/sys/vm/drop_caches", "w").write("3\n")
    d0, c0 = daemon_cpu(), os.times()
    out = subprocess.run([sys.executable, script, f"{mnt}/entropy-data", how], capture_output=True, text=True, check=True).stdout
    c1, d1 = os.times(), daemon_cpu()
    t = float(re.search(r"time ([0-9.]+) s", out).group(1)); moved = int(re.search(r"moved ([0-9]+)", out).group(1))
    reader = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    return t, moved, reader, d1 - d0, out.split()[1]
res = {"offloaded": [], "plain": []}
for r in range(rounds):
    for name, how in (("offloaded", f"{mnt}/byte_histogram.o"), ("plain", "--plain")) if r % 2 == 0 else (("plain", "--plain"), ("offloaded", f"{mnt}/byte_histogram.o")):
        t, moved, reader, dcpu, ent = run(how)
        res[name].append((t, moved, reader, dcpu))
        print(f"  round {r} {name:9s} {t:7.3f} s  moved {moved:>11d} B  cpu reader {reader:5.2f} s  daemon {dcpu:5.2f} s  entropy {ent}")
med = {k: [statistics.median(x[i] for x in v) for i in range(4)] for k, v in res.items()}
o, p = med["offloaded"], med["plain"]
print(f"median offloaded {o[0]:.3f} s ({int(o[1])} B moved, cpu {o[2] + o[3]:.2f} s)  plain {p[0]:.3f} s ({int(p[1])} B moved, cpu {p[2] + p[3]:.2f} s)")
print(f"offloaded/plain time {o[0] / p[0]:.2f}x, cpu {(o[2] + o[3]) / (p[2] + p[3]):.2f}x; data moved {p[1] / o[1]:.0f}x less")
PY
