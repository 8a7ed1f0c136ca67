#!/usr/bin/env bash
# Runs the concurrency tests of the proof system under the thread sanitizer (issue #4: "16 proofs
# generated in parallel are all valid; the thread sanitizer is clean on those tests").
#
#   scripts/tsan.sh            the default set below
#   scripts/tsan.sh REGEX      any `swift test --filter` expression instead (e.g. PipelineConcurrencyTests)
#
# Default set: the 16-parallel-proofs suite (ProofGenerationTests), the proof cache's concurrent inserts and
# lookups (ProofCacheTests), the key manager's lazy once-only loading (KeyManagerTests), parallel Poseidon
# hashing (PoseidonVectorTests) and the CSPRNG wrapper the prover draws its blinding scalars from
# (SecureRandomTests).
#
# Runtime (2 shared cores, Swift 6.3.1): the first run builds every module and dependency with
# -sanitize=thread into .build-tsan (kept apart from the normal .build): measured 41 minutes with three
# other builds on the machine (an idle machine should need roughly a third of that); the default set's
# 24 tests then take ~20 s (~65 s for the whole script). Later runs rebuild only what changed (2.5
# minutes after a change to the Ethereum module). Results and findings: docs/TESTING.md. The arithmetic modules keep their forced -O (Package.swift's `optimised`): TSan instruments
# optimised code correctly, and unoptimised field arithmetic under TSan would be far slower.
#
# A TSan report stops the test process (halt_on_error=1) and fails this script; the summary line at the
# end says how many reports the run produced (0 when clean).
#
# History: runs used to stop with a SEGV inside the TSan runtime (__tsan::ExternalAccess called from
# PrimeField.random). Cause: a local `SystemRandomNumberGenerator` passed `inout` — an empty struct has
# no address, Swift passes an undefined pointer, and TSan's inout-access instrumentation maps that garbage
# to shadow memory (swiftlang/swift#66099). The code now uses BN254's `SecureRandom`, which has storage.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

default_filter='ProofGenerationTests|ProofCacheTests|KeyManagerTests|PoseidonVectorTests|SecureRandomTests'
filter="${1:-$default_filter}"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"

swift build --build-tests --sanitize=thread --build-path .build-tsan

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build --sanitize=thread --build-path .build-tsan --no-parallel --filter "$filter" 2>&1 \
    | tee "$log" || status=$?
reports="$(grep -c '^WARNING: ThreadSanitizer' "$log" || true)"
echo "tsan.sh: filter '$filter': $reports ThreadSanitizer report(s), test exit status $status"
if [[ "$status" -ne 0 || "$reports" -ne 0 ]]; then exit 1; fi
