#!/usr/bin/env bash
# Runs the concurrency tests of the proof system under the thread sanitizer (issue #4: "16 proofs
# generated in parallel are all valid; the thread sanitizer is clean").
#
# A separate build directory keeps the instrumented objects apart from the normal debug build; the first
# run builds every module with -sanitize=thread (about 10 minutes on an idle 2-core machine).
# TSan reports make the test process exit non-zero (halt_on_error), so a data race fails this script.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

filter="${1:-CommitmentTests}"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
swift build --build-tests --sanitize=thread --build-path .build-tsan
swift test --skip-build --sanitize=thread --build-path .build-tsan --no-parallel --filter "$filter"
