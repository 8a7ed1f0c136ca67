#!/usr/bin/env bash
# Installs what proofnode needs to build and test on a fresh Debian machine with Swift installed.
# Idempotent: packages already present are not reinstalled, and a second run changes nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian packages: the C libraries behind the system-library targets, and pkg-config to find them.
# prometheus provides promtool, which tests the alert rules (config/prometheus/alerts.test.yml).
debian_packages=(pkg-config libgmp-dev libsecp256k1-dev libcurl4-openssl-dev libsqlite3-dev python3-venv prometheus)

missing=()
for package in "${debian_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    echo "bootstrap: installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "bootstrap: Swift 6 is required (swift not found on PATH); install the Swift toolchain first." >&2
    exit 1
fi

# Python for the test tiers, pinned: the oracle tier (independent implementations, Tests/oracles)
# and the real-EVM devchain (devchain/). One .venv; reinstalled only when a requirements file changes.
requirements=("$here/scripts/requirements-oracles.txt" "$here/devchain/requirements.txt")
present=()
for file in "${requirements[@]}"; do [ -f "$file" ] && present+=("$file"); done
if ((${#present[@]} > 0)); then
    venv="$here/.venv"
    stamp="$venv/.requirements.sha256"
    wanted="$(cat "${present[@]}" | sha256sum | cut -d' ' -f1)"
    if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "bootstrap: preparing the Python test environment in .venv"
        python3 -m venv "$venv"
        pip_args=()
        for file in "${present[@]}"; do pip_args+=(-r "$file"); done
        "$venv/bin/pip" install --quiet --disable-pip-version-check "${pip_args[@]}"
        echo "$wanted" >"$stamp"
    fi
fi
