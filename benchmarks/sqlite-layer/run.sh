#!/usr/bin/env bash
# Builds sqlite-layer-bench from clean in release mode (timing that build: the GRDB compile-time half of
# the argument), then runs the insert benchmark. Usage: benchmarks/sqlite-layer/run.sh [--count N] [--runs R]
set -euo pipefail
cd "$(dirname "$0")"

echo "machine: $(nproc) cores; uptime:$(uptime)"
rm -rf .build
start=$(date +%s.%N)
swift package resolve >/dev/null          # checkout from the local mirror, timed apart from compiling
mid=$(date +%s.%N)
swift build -c release >/dev/null
end=$(date +%s.%N)
printf 'resolve (GRDB checkout): %.1f s\n' "$(echo "$mid - $start" | bc)"
printf 'clean release build (GRDB 7.10.0 + this benchmark): %.1f s\n' "$(echo "$end - $mid" | bc)"

.build/release/sqlite-layer-bench "$@"
echo "uptime after:$(uptime)"
