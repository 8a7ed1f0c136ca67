#!/usr/bin/env bash
# The main job: builds proofnode in release and runs `proofnode demo` — the whole story on the embedded
# defaults, in under a minute: an in-process MockChain (5 s dispute window, real-time clock), keys under
# ./keys (generated on the first run), a fresh audit store under ./data/demo, a session whose canned
# conversation is proven and submitted checkpoint by checkpoint, the dispute window waited, every proof
# validated, the session settled and the payment checked against the contract's rules and the audit log;
# then a second session with one stored proof tampered, whose settlement is refused with a dispute.
# Extra arguments go to `proofnode demo` (e.g. --tokens 5000 --dispute-window 10).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

scripts/bootstrap.sh
swift build -c release --product proofnode
proofnode="$(swift build -c release --show-bin-path)/proofnode"
"$proofnode" --version
exec "$proofnode" demo "$@"
