"""BN254 precompiles (EIP-196/197, gas by EIP-1108) delegated to pyrevm's native arithmetic.

py-evm computes 0x06/0x07/0x08 in pure Python (a 4-pair pairing takes ~0.8 s). Here gas is charged
exactly as py-evm charges it, and only the arithmetic is done by revm: a precompile failure in revm
becomes py-evm's ``VMError`` (which consumes all gas of the call, as on every client).
"""

from __future__ import annotations

import threading

from eth.exceptions import VMError
from eth.vm.forks.istanbul import constants  # EIP-1108 prices

try:
    import pyrevm
except ImportError:  # pragma: no cover - pyrevm is pinned in requirements.txt
    pyrevm = None

_CALLER = "0x" + "de" * 20
_lock = threading.Lock()
_evm = None


def _revm_call(address: int, data: bytes) -> bytes:
    global _evm
    with _lock:
        if _evm is None:
            _evm = pyrevm.EVM()
        try:
            out = _evm.message_call(
                caller=_CALLER, to="0x" + address.to_bytes(20, "big").hex(), calldata=bytes(data), gas=30_000_000
            )
        except RuntimeError as exc:  # revm reports a halted precompile as RuntimeError("Halt {...}")
            raise VMError(f"BN254 precompile 0x{address:02x} rejected its input: {exc}") from None
    return bytes(out)


def _ecadd(computation):
    computation.consume_gas(constants.GAS_ECADD, reason="ECADD Precompile")
    computation.output = _revm_call(6, computation.msg.data)
    return computation


def _ecmul(computation):
    computation.consume_gas(constants.GAS_ECMUL, reason="ECMUL Precompile")
    computation.output = _revm_call(7, computation.msg.data)
    return computation


def _ecpairing(computation):
    data = computation.msg.data
    if len(data) % 192:
        raise VMError("Invalid ECPAIRING parameters")
    gas = constants.GAS_ECPAIRING_BASE + (len(data) // 192) * constants.GAS_ECPAIRING_PER_POINT
    computation.consume_gas(gas, reason="ECPAIRING Precompile")
    computation.output = _revm_call(8, data)
    return computation


def fast_bn254_precompiles() -> dict:
    """Precompile overrides keyed by 20-byte address, or an empty dict when pyrevm is unavailable."""
    if pyrevm is None:
        return {}
    return {
        (6).to_bytes(20, "big"): _ecadd,
        (7).to_bytes(20, "big"): _ecmul,
        (8).to_bytes(20, "big"): _ecpairing,
    }
