#!/usr/bin/env bash
# The whole test suite: style lint, the Swift tests, and the oracle tier where it exists.
# This is the README's test command, and what CI runs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

scripts/bootstrap.sh

echo "== swift format lint --strict"
swift format lint --strict --recursive Package.swift Sources Tests

echo "== alert rules (promtool from Debian's prometheus package)"
promtool check rules config/prometheus/alerts.yml
promtool test rules config/prometheus/alerts.test.yml

echo "== swift test"
# Cryptographic modules are compiled with -O in every configuration (see Package.swift), so the
# debug test build runs them at release speed without rebuilding every dependency in release.
# Serial: several suites wait on background work (RPC timeouts, the transaction manager), which
# CPU-bound suites running beside them on a 2-core machine would starve.
swift build --build-tests
swift test --skip-build --no-parallel

echo "== oracle tier (independent Python implementations vs the proofnode CLI)"
if [ -f scripts/requirements-oracles.txt ] && [ -d Tests/oracles ]; then
    swift build --product proofnode
    PROOFNODE_BIN="$(swift build --show-bin-path)/proofnode" .venv/bin/python -m pytest -q Tests/oracles
fi

echo "== real-EVM devchain (py-evm + the Vyper JobMarketplace)"
scripts/devchain.sh test

echo "== the chain and settlement scenario suites, run again against the real EVM (the two chains must not drift)"
scripts/devchain.sh run --manual-clock -- swift test --skip-build --no-parallel --filter "MockChainTests|SettlementTests"
