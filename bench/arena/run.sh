#!/usr/bin/env bash
# Benchmark: `parity arena rate VOTES --bootstrap 100` (whole command: start, parse, fit,
# 100 bootstrap rounds, print) on 1,000,000 synthetic votes among 150 models, against
# FastChat's own rating code on the same file, in the same run. Prints each run and the medians.
#
# Usage: bench/arena/run.sh FASTCHAT_DIR [RUNS=5] [VOTES=1000000]
#   FASTCHAT_DIR: a checkout of lm-sys/FastChat outside this repository (its code is not committed here).
#   Needs Debian's python3-pandas python3-scipy python3-sklearn python3-tqdm (/usr/bin/python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
fastchat=${1:?usage: run.sh FASTCHAT_DIR [RUNS] [VOTES]}
runs=${2:-5}
votes=${3:-1000000}
work=${BENCH_DIR:-/tmp/parity-arena-bench}
mkdir -p "$work"

data="$work/votes_${votes}.json"
if [ ! -s "$data" ]; then
  echo "generating $votes votes → $data"
  python3 "$here/generate_votes.py" "$data" --votes "$votes" --models 150 --seed 42
fi

echo "publishing parity (Release, ReadyToRun, framework-dependent)"
dotnet publish "$repo/src/Parity.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/parity" -nologo -v q >/dev/null
parity="$work/parity/parity"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
now() { date +%s.%N; }

# Warm the page cache once for both.
cat "$data" >/dev/null

parity_times=() fastchat_times=()
for i in $(seq 1 "$runs"); do
  t0=$(now)
  "$parity" arena rate "$data" --bootstrap 100 --seed 0 --format csv >"$work/parity.csv"
  t1=$(now)
  /usr/bin/python3 "$here/fastchat_baseline.py" "$fastchat" "$data" --rounds 100 >"$work/fastchat.csv" 2>"$work/fastchat.err"
  t2=$(now)
  p=$(echo "$t1 - $t0" | bc -l); f=$(echo "$t2 - $t1" | bc -l)
  parity_times+=("$p"); fastchat_times+=("$f")
  printf 'run %d: parity %.3f s, fastchat %.3f s\n' "$i" "$p" "$f"
done

pm=$(printf '%s\n' "${parity_times[@]}" | median)
fm=$(printf '%s\n' "${fastchat_times[@]}" | median)
printf 'median of %d runs, %d votes, 150 models, 100 bootstrap rounds, %d cores:\n' "$runs" "$votes" "$(nproc)"
printf '  parity arena rate   %.3f s\n' "$pm"
printf '  FastChat (baseline) %.3f s\n' "$fm"
printf '  speed-up            %.1fx\n' "$(echo "$fm / $pm" | bc -l)"
echo "top 3 (model,rating,q025,q975) — parity:"; sed -n 2,4p "$work/parity.csv" | cut -d, -f4-7
echo "FastChat (anchored to mean 1000 as well):"; head -3 "$work/fastchat.csv"
