#!/usr/bin/env bash
# `rmbench serve --model length` + `rmbench bench --model kserve:...` round trip, offline scenario, over
# binary REST and gRPC; prints requests/s (scored requests = measured_requests / measured_seconds in bench.json) of each of RUNS runs and the median. Usage:
#   tools/kserve-roundtrip-bench.sh [RUNS=5] [DURATION_S=5] [BATCH_SIZE=32]   (BATCH_SIZE 1: one inference call per request)
# Build first: dotnet build RMBench.sln -c Release
set -euo pipefail
runs=${1:-5}; duration=${2:-5}; batch=${3:-32}
root=$(cd "$(dirname "$0")/.." && pwd)
dll="$root/src/RMBench.Cli/bin/Release/net10.0/rmbench.dll"
work=$(mktemp -d)
dotnet "$dll" serve --model length --http-port 0 --grpc-port 0 > "$work/serve.txt" 2>&1 &
serve=$!
trap 'kill -TERM $serve 2>/dev/null || true; wait $serve 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q '^gRPC ' "$work/serve.txt" && break; sleep 0.2; done
rest=$(grep '^REST ' "$work/serve.txt" | cut -d' ' -f2)
grpc=$(grep '^gRPC ' "$work/serve.txt" | cut -d' ' -f2)
cd "$work"
for url in "$rest" "$grpc"; do
  rates=()
  for i in $(seq "$runs"); do
    dotnet "$dll" bench --model "kserve:$url#length" --suite general --scenario offline --duration "$duration" --warmup 1 --batch-size "$batch" --out "b-$i" > /dev/null
    rates+=("$(python3 -c "import json; d=json.load(open('b-$i/bench.json')); print(round(d['measured_requests'] / d['measured_seconds']))")")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$url: requests/s ${rates[*]} -> median $median"
done
