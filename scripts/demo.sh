#!/usr/bin/env bash
# The main job: builds proofnode in release and runs the end-to-end demo on the embedded defaults.
# Until the demo subcommand exists this shows what the built binary offers.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

scripts/bootstrap.sh
swift build -c release --product proofnode
binary="$(swift build -c release --show-bin-path)/proofnode"
"$binary" --version
"$binary" --help
