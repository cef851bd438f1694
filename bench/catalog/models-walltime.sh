#!/usr/bin/env bash
# Wall time of `parity models` (loads and joins every shipped catalog feed, prints the table),
# against `parity --help` (process start-up only) measured in the same run as the baseline.
# Median of N runs each (default 15). Usage: bench/catalog/models-walltime.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-15}
dotnet build src/Parity.Cli -c Release -v q -nologo >/dev/null
dll=src/Parity.Cli/bin/Release/net10.0/parity.dll
work=$(mktemp -d)   # no parity.db there: shipped data only
trap 'rm -rf "$work"' EXIT
if command -v hyperfine >/dev/null; then
  (cd "$work" && hyperfine -N --warmup 2 --runs "$n" --export-markdown "$work/result.md" \
    "dotnet $OLDPWD/$dll --help" "dotnet $OLDPWD/$dll models" "dotnet $OLDPWD/$dll models --origin CN --open --format json" \
    "dotnet $OLDPWD/$dll models show deepseek-v3" "dotnet $OLDPWD/$dll prices deepseek-chat" >/dev/null)
  cat "$work/result.md"
else
  median() {
    local times=()
    for _ in $(seq "$n"); do
      local s e; s=$(date +%s%N); (cd "$work" && "$@" >/dev/null); e=$(date +%s%N)
      times+=($(( (e - s) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  }
  abs=$PWD/$dll
  echo "| command | median ms (n=$n) |"
  echo "|---|---|"
  echo "| parity --help (baseline) | $(median dotnet "$abs" --help) |"
  echo "| parity models | $(median dotnet "$abs" models) |"
  echo "| parity models --origin CN --open --format json | $(median dotnet "$abs" models --origin CN --open --format json) |"
  echo "| parity models show deepseek-v3 | $(median dotnet "$abs" models show deepseek-v3) |"
  echo "| parity prices deepseek-chat | $(median dotnet "$abs" prices deepseek-chat) |"
fi
