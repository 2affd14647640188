#!/usr/bin/env bash
# End to end `rmbench run` against a plain ONNX Runtime C# loop over the same token ids (PlainLoopCommand.cs), both as
# whole processes (model load and warm-up included), ROUNDS interleaved rounds with alternating order, medians.
# usage: [PAUSE=S] tools/RMBench.OnnxThroughput/end-to-end.sh MODEL_DIR SUITE.parquet [ROUNDS=5] [PLAIN_BATCH=8] [-- extra rmbench run options]
# PAUSE (seconds, default 0) idles the machine before each process. Without it, on this VM, whichever process of a
# round ran second was 4-8% slower; with PAUSE=15 the drift between rounds stayed (up to 25%), so read single rounds
# with care.
# Needs the Release build: dotnet build RMBench.sln -c Release
set -euo pipefail
model=$(realpath "$1"); suite=$(realpath "$2"); rounds=${3:-5}; batch=${4:-8}; pause=${PAUSE:-0}
shift $(( $# < 4 ? $# : 4 )); [[ ${1:-} == -- ]] && shift
root=$(cd "$(dirname "$0")/../.." && pwd)
rmbench=(dotnet "$root/src/RMBench.Cli/bin/Release/net10.0/rmbench.dll")
tool=(dotnet "$root/tools/RMBench.OnnxThroughput/bin/Release/net10.0/RMBench.OnnxThroughput.dll")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${tool[@]}" ids --model "$model" --suite "$suite" --out "$work/ids.bin"
now() { date +%s.%N; }
run_rmbench() {
  local r=$1 t0; shift; sleep "$pause"; t0=$(now)
  (cd "$work" && RMBENCH_TRACE_STAGES=1 "${rmbench[@]}" run -m "onnx:$model" --suite "$suite" --no-cache --fresh --out "$work/out$r" "$@" >"$work/run$r.log" 2>&1)
  echo "$(now) - $t0" | bc > "$work/rmbench$r.s"
}
run_plain() {
  local t0; sleep "$pause"; t0=$(now)
  "${tool[@]}" loop --model "$model" --ids "$work/ids.bin" --batch-size "$batch" > "$work/plain$1.log"
  echo "$(now) - $t0" | bc > "$work/plain$1.s"
}
for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then run_rmbench "$r" "$@"; run_plain "$r"; else run_plain "$r"; run_rmbench "$r" "$@"; fi
  echo "round $r: rmbench $(cat "$work/rmbench$r.s") s, plain $(cat "$work/plain$r.s") s; $(cat "$work/plain$r.log")"
done
python3 - "$work" "$rounds" <<'PY'
import glob, json, re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
rows = []
def stages(r):
    """rmbench's RMBENCH_TRACE_STAGES lines: seconds since process start before scoring began, and after it ended."""
    marks = [(float(m[1]), m[2]) for m in re.finditer(r"^stage ([0-9.]+) s (.*)$", open(f"{work}/run{r}.log").read(), re.M)]
    before = next(t for t, name in marks if name.endswith(": tokenized"))
    scored = next(t for t, name in marks if name.endswith(": scored"))
    return before, marks[-1][0] - scored
for r in range(1, rounds + 1):
    run = json.load(open(glob.glob(f"{work}/out{r}/runs/*/*/run.json")[0]))
    before, after = stages(r)
    t = run["throughput"]
    e2e, plain = float(open(f"{work}/rmbench{r}.s").read()), float(open(f"{work}/plain{r}.s").read())
    rows.append((e2e, plain, plain / e2e, t["scoring_seconds"], t["padding_efficiency"], t.get("tokenization_seconds"), t.get("inference_seconds"), run["counts"]["batches"]))
    print(f"round {r}: rmbench {e2e:.2f} s (scoring {t['scoring_seconds']:.2f} s, inference {t.get('inference_seconds') or 0:.2f} s, tokenization {t.get('tokenization_seconds') or 0:.2f} s summed over threads, "
          f"{run['counts']['batches']} batches, padding efficiency {t['padding_efficiency']:.4f}; {before:.2f} s before scoring, {after:.2f} s after), plain {plain:.2f} s, ratio plain/rmbench {plain / e2e:.3f}")
med = lambda i: statistics.median(x[i] for x in rows)
print(f"median of {rounds}: rmbench {med(0):.2f} s, plain loop {med(1):.2f} s, per-round ratio {med(2):.3f}, rmbench scoring {med(3):.2f} s, padding efficiency {med(4):.4f}")
PY
