#!/usr/bin/env bash
# Runs RMBench's whole test suite on a fresh machine: restores, builds and tests the solution.
# This is the README's test command; .ci/run calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ ! -d ../shared/data ]; then
  echo "warning: ../shared/data not found beside the checkout; tests on upstream files will fail" >&2
fi

bash scripts/install-test-deps.sh

dotnet build RMBench.sln -c Release --nologo -v quiet
log=$(mktemp)
set +e
dotnet test RMBench.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# After the tests, the microbenchmarks in dry mode only (one in-process iteration each, tiny inputs): they must keep running.
dotnet run -c Release --project src/RMBench.Benchmarks -- --filter '*' --job Dry
benchmarks=$?
set -e
# One plain closing line for CI: "tests: N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
[ "$benchmarks" -eq 0 ] || echo "benchmarks (dry run) failed with exit code ${benchmarks}" >&2
echo "tests: ${passed} passed, ${failed} failed"
[ "$status" -ne 0 ] && exit "$status"
exit "$benchmarks"
