#!/usr/bin/env bash
# Generates the checkpoint circuit's Groth16 keys (keys/commitment.pk, keys/commitment.vk,
# keys/verification_key.json) with `proofnode setup`, building proofnode first if needed.
# Usage: scripts/generate_keys.sh [--keys DIR] [--force]
# This is a single-party setup: the keys convince only those who trust the machine that made them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

binary="$(swift build -c release --product proofnode --show-bin-path)/proofnode"
if [ ! -x "$binary" ]; then
    echo "generate_keys: building proofnode (release)"
    swift build -c release --product proofnode
fi
exec "$binary" setup "$@"
