#!/usr/bin/env bash
# Wall time of the catalog commands, against `parity --help` (process start-up and command-line
# parsing only) as the baseline. Runs are interleaved round by round, so that load from other
# processes hits every command alike; prints the median, min and max of N rounds (default 15).
# Usage: bench/catalog/models-walltime.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-15}
dotnet build src/Parity.Cli -c Release -v q -nologo >/dev/null
dll=$PWD/src/Parity.Cli/bin/Release/net10.0/parity.dll
work=$(mktemp -d)   # no parity.db there: shipped data only
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 - "$dll" "$n" <<'PY'
import statistics, subprocess, sys, time
dll, rounds = sys.argv[1], int(sys.argv[2])
commands = [
    ["--help"],
    ["models"],
    ["models", "--format", "csv"],
    ["models", "--origin", "CN", "--open", "--format", "json"],
    ["models", "show", "deepseek-v3"],
    ["prices", "deepseek-chat"],
]
times = {i: [] for i in range(len(commands))}
for i, args in enumerate(commands):  # warm-up: disk cache
    subprocess.run(["dotnet", dll, *args], stdout=subprocess.DEVNULL, check=True)
for _ in range(rounds):
    for i, args in enumerate(commands):
        start = time.perf_counter()
        subprocess.run(["dotnet", dll, *args], stdout=subprocess.DEVNULL, check=True)
        times[i].append((time.perf_counter() - start) * 1000)
print("| command | median ms | min ms | max ms |")
print("|---|---:|---:|---:|")
for i, args in enumerate(commands):
    t = times[i]
    label = "parity " + " ".join(args) + (" (baseline)" if i == 0 else "")
    print(f"| {label} | {statistics.median(t):.0f} | {min(t):.0f} | {max(t):.0f} |")
with open("/proc/loadavg") as f:
    print(f"\n{rounds} interleaved rounds; load average {' '.join(f.read().split()[:3])}")
PY
