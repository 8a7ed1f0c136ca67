#!/usr/bin/env bash
# The main job, as far as it exists today: builds proofnode in release and runs the proof half of
# the story on the embedded defaults — keys for the checkpoint circuit, a canned three-checkpoint
# session proven checkpoint by checkpoint, every envelope verified against the stored result and
# opening, then a tampered envelope refused. (Submission, settlement and `proofnode demo` come with
# the Settlement module and the service.)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

scripts/bootstrap.sh
swift build -c release --product proofnode
proofnode="$(swift build -c release --show-bin-path)/proofnode"
"$proofnode" --version

work="data/demo"
keys="$work/keys"
mkdir -p "$work"
if [ ! -f "$keys/commitment.vk" ]; then
    "$proofnode" setup --keys "$keys"
fi

host="0x70997970C51812dc3A010C8d50f12AECf2C6b79C"
prompt="Explain zero-knowledge proofs to a five-year-old."
responses=(
    "Imagine you know where a hidden toy is."
    "Imagine you know where a hidden toy is. You can show me you know, without telling me where,"
    "Imagine you know where a hidden toy is. You can show me you know, without telling me where, by fetching it while I close my eyes."
)
for index in 0 1 2; do
    checkpoint=$((index + 1))
    start=$(date +%s%N)
    "$proofnode" prove --keys "$keys" --job 42 --host "$host" --checkpoint "$checkpoint" --tokens 1000 \
        --prompt "$prompt" --response "${responses[$index]}" --model-id "llama-3-8b-instruct" \
        --opening-out "$work/opening-$checkpoint.json" >"$work/envelope-$checkpoint.json"
    elapsed=$((($(date +%s%N) - start) / 1000000))
    model_hash=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["model_hash"])' "$work/envelope-$checkpoint.json")
    python3 - "$work/result-$checkpoint.json" "$prompt" "${responses[$index]}" "$model_hash" <<'PY'
import json, sys
json.dump({"prompt": sys.argv[2], "response": sys.argv[3], "model_hash": sys.argv[4]}, open(sys.argv[1], "w"))
PY
    proof_bytes=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["proof_data"].removeprefix("0x")) // 2)' "$work/envelope-$checkpoint.json")
    echo "checkpoint $checkpoint: proven in ${elapsed} ms (process start included), proof $proof_bytes bytes"
    "$proofnode" verify --keys "$keys" "$work/envelope-$checkpoint.json" \
        --result "$work/result-$checkpoint.json" --opening "$work/opening-$checkpoint.json"
done

echo "tampering: checkpoint 3 claims 5000 tokens instead of 1000"
python3 - "$work/envelope-3.json" "$work/envelope-tampered.json" <<'PY'
import json, sys
envelope = json.load(open(sys.argv[1]))
claimed = envelope["tokens_claimed"]
envelope["tokens_claimed"] = "5000" if isinstance(claimed, str) else 5000
json.dump(envelope, open(sys.argv[2], "w"))
PY
if "$proofnode" verify --keys "$keys" "$work/envelope-tampered.json" \
    --result "$work/result-3.json" --opening "$work/opening-3.json"; then
    echo "demo: the tampered envelope was accepted — this is a bug" >&2
    exit 1
fi
echo "demo: the tampered envelope was refused, as it must be"
