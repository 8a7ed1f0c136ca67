#!/usr/bin/env bash
# The real-EVM devchain (devchain/): a py-evm JSON-RPC server with JobMarketplace deployed.
#
#   scripts/devchain.sh setup            install devchain/requirements.txt into .venv (idempotent)
#   scripts/devchain.sh start [ARGS...]  start in the background on a free port; wait until it answers;
#                                        ARGS go to `python -m devchain.server` (e.g. --dispute-window 5)
#   scripts/devchain.sh status           print the info file if the chain is running (exit 1 if not)
#   scripts/devchain.sh stop             stop it (SIGTERM, then SIGKILL after 5 s) and remove its files
#   scripts/devchain.sh run [ARGS...] -- COMMAND...
#                                        start, run COMMAND with DEVCHAIN_INFO set, always stop afterwards
#   scripts/devchain.sh test [PYTEST ARGS...]   the devchain's own pytest suite
#
# Files (override with environment variables):
#   DEVCHAIN_INFO  .build/devchain.json  {rpcUrl, chainId, jobMarketplace, accounts[{address, privateKey}], ...}
#   DEVCHAIN_PID   .build/devchain.pid
#   DEVCHAIN_LOG   .build/devchain.log
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

venv="$here/.venv"
python="$venv/bin/python"
requirements="$here/devchain/requirements.txt"
stamp="$venv/.devchain-requirements.sha256"
info="${DEVCHAIN_INFO:-$here/.build/devchain.json}"
pidfile="${DEVCHAIN_PID:-$here/.build/devchain.pid}"
logfile="${DEVCHAIN_LOG:-$here/.build/devchain.log}"
start_timeout="${DEVCHAIN_START_TIMEOUT:-60}"

setup() {
    local wanted
    wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [ -x "$python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
        return 0
    fi
    echo "devchain: installing devchain/requirements.txt into .venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" >"$stamp"
}

# The pid from the pid file, if that process is alive and is our server (not a recycled pid).
running_pid() {
    local pid
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [ -n "$pid" ] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "devchain.server" || return 1
    echo "$pid"
}

# Succeeds once the info file exists and its rpcUrl answers eth_chainId with the expected id.
answers() {
    [ -s "$info" ] || return 1
    "$python" - "$info" <<'EOF' 2>/dev/null
import json, sys, urllib.request
info = json.load(open(sys.argv[1]))
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []}).encode()
request = urllib.request.Request(info["rpcUrl"], body, {"Content-Type": "application/json"})
reply = json.load(urllib.request.urlopen(request, timeout=2))
sys.exit(0 if int(reply["result"], 16) == info["chainId"] else 1)
EOF
}

start() {
    if pid="$(running_pid)"; then
        echo "devchain: already running (pid $pid), info in $info" >&2
        return 0
    fi
    setup
    mkdir -p "$(dirname "$info")" "$(dirname "$pidfile")" "$(dirname "$logfile")"
    rm -f "$info"
    local started=$SECONDS
    # A background job of a non-interactive shell: it outlives this script; `stop` (or the `run` trap)
    # ends it by the pid recorded here.
    "$python" -m devchain.server --port 0 --info-file "$info" "$@" >"$logfile" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$pidfile"
    until answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "devchain: the server exited during start; its log:" >&2
            cat "$logfile" >&2
            rm -f "$pidfile"
            return 1
        fi
        if ((SECONDS - started > start_timeout)); then
            echo "devchain: no answer within ${start_timeout}s; stopping it. Log:" >&2
            cat "$logfile" >&2
            stop
            return 1
        fi
        sleep 0.1
    done
    echo "devchain: running (pid $pid) at $("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["rpcUrl"])' "$info"), info in $info" >&2
}

stop() {
    local pid
    if pid="$(running_pid)"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "devchain: pid $pid ignored SIGTERM for 5 s; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        echo "devchain: stopped (pid $pid)" >&2
    else
        echo "devchain: not running" >&2
    fi
    rm -f "$pidfile" "$info"
}

status() {
    if pid="$(running_pid)" && answers; then
        cat "$info"
        return 0
    fi
    echo "devchain: not running" >&2
    return 1
}

run() {
    local args=()
    while (($#)) && [ "$1" != "--" ]; do
        args+=("$1")
        shift
    done
    if [ "${1:-}" != "--" ] || [ $# -lt 2 ]; then
        echo "usage: scripts/devchain.sh run [SERVER ARGS...] -- COMMAND..." >&2
        return 2
    fi
    shift
    trap stop EXIT
    start "${args[@]}"
    DEVCHAIN_INFO="$info" "$@"
}

command="${1:-}"
shift || true
case "$command" in
setup) setup ;;
start) start "$@" ;;
stop) stop ;;
status) status ;;
run) run "$@" ;;
test)
    setup
    exec "$python" -m pytest "$here/devchain/tests" "$@"
    ;;
*)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
