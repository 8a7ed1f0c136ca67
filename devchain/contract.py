"""Compiles devchain/contracts/JobMarketplace.vy with vyper and builds its deployment payload.

Compiling costs ~2 s (mostly importing vyper), so the ABI and bytecode are cached in
``<repo>/.build/devchain/`` under the SHA-256 of the source and the vyper version; a changed source or
compiler simply misses the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

CONTRACTS = Path(__file__).resolve().parent / "contracts"
JOB_MARKETPLACE = CONTRACTS / "JobMarketplace.vy"

# Defaults of the deployed marketplace (all configurable on the command line).
DEFAULT_DISPUTE_WINDOW = 30
DEFAULT_FEE_BASIS_POINTS = 1000
# The treasury is not a dev account, so that fee payments are easy to observe.
DEFAULT_TREASURY = "0x000000000000000000000000000000000000fee1"


CACHE_DIR = Path(__file__).resolve().parent.parent / ".build" / "devchain"
VYPER_VERSION = "0.4.3"  # the pinned compiler (requirements.txt); part of the cache key


@lru_cache(maxsize=None)
def compile_contract(path: str = str(JOB_MARKETPLACE)) -> tuple[list, bytes]:
    """(ABI, deployment bytecode) of a Vyper source file, from the cache when the source is unchanged."""
    source = Path(path).read_bytes()
    key = hashlib.sha256(VYPER_VERSION.encode() + b"\0" + source).hexdigest()[:32]
    cached = CACHE_DIR / f"{Path(path).stem}-{key}.json"
    try:
        entry = json.loads(cached.read_text())
        return entry["abi"], bytes.fromhex(entry["bytecode"])
    except (OSError, ValueError, KeyError):
        pass
    import vyper

    if vyper.__version__ != VYPER_VERSION:
        raise RuntimeError(
            f"vyper {VYPER_VERSION} is required (found {vyper.__version__}); run scripts/devchain.sh setup"
        )
    out = vyper.compile_code(source.decode(), output_formats=["abi", "bytecode"], contract_path=path)
    abi, bytecode = out["abi"], bytes.fromhex(out["bytecode"][2:])
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(json.dumps({"abi": abi, "bytecode": bytecode.hex()}))
        os.replace(tmp, cached)
    except OSError:  # a read-only checkout still works, it just compiles every time
        pass
    return abi, bytecode


def deployment_data(dispute_window: int, fee_basis_points: int, treasury: str) -> bytes:
    """Bytecode plus ABI-encoded constructor arguments for JobMarketplace."""
    from eth_abi import encode
    from eth_utils import to_canonical_address

    _abi, bytecode = compile_contract()
    args = encode(["uint256", "uint256", "address"], [dispute_window, fee_basis_points, to_canonical_address(treasury)])
    return bytecode + args
