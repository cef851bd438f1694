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

# Each run: wall seconds and CPU seconds (user + sys, children included) from /usr/bin/time;
# FastChat's own timer also reports its fit + bootstrap alone (rating_seconds, without pd.read_json).
pw=() pc=() fw=() fc=() fr=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %U %S' -o "$work/parity.time" \
    "$parity" arena rate "$data" --bootstrap 100 --seed 0 --format csv >"$work/parity.csv"
  /usr/bin/time -f '%e %U %S' -o "$work/fastchat.time" \
    /usr/bin/python3 "$here/fastchat_baseline.py" "$fastchat" "$data" --rounds 100 >"$work/fastchat.csv" 2>"$work/fastchat.err"
  read -r w u s <"$work/parity.time"; pw+=("$w"); pc+=("$(echo "$u + $s" | bc -l)")
  read -r w u s <"$work/fastchat.time"; fw+=("$w"); fc+=("$(echo "$u + $s" | bc -l)")
  fr+=("$(grep -o 'rating_seconds=[0-9.]*' "$work/fastchat.err" | cut -d= -f2)")
  printf 'run %d: parity %s s wall (%s s CPU); FastChat %s s wall (%s s CPU; fit+bootstrap %s s)\n' \
    "$i" "${pw[-1]}" "${pc[-1]}" "${fw[-1]}" "${fc[-1]}" "${fr[-1]}"
done

m() { printf '%s\n' "$@" | median; }
printf 'medians of %d runs, %d votes, 150 models, 100 bootstrap rounds, %d cores, load average %s:\n' \
  "$runs" "$votes" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  parity arena rate (whole command)   %6.3f s wall  %6.3f s CPU\n' "$(m "${pw[@]}")" "$(m "${pc[@]}")"
printf '  FastChat (read_json + fit + boot)   %6.3f s wall  %6.3f s CPU\n' "$(m "${fw[@]}")" "$(m "${fc[@]}")"
printf '  FastChat fit + bootstrap alone      %6.3f s wall\n' "$(m "${fr[@]}")"
printf '  speed-up (wall, whole vs whole)     %6.1fx\n' "$(echo "$(m "${fw[@]}") / $(m "${pw[@]}")" | bc -l)"
echo "top 3 (model,rating,q025,q975) — parity:"; sed -n 2,4p "$work/parity.csv" | cut -d, -f4-7
echo "FastChat (mean 1000 as well; its L-BFGS stops at gtol 1e-6, so the last digits differ):"; head -3 "$work/fastchat.csv"
