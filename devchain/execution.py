"""Fee-less message execution for ``eth_call`` and ``eth_estimateGas``, the way geth does it.

A call runs on top of a block's state with that block's header as context, except that the base fee
is zero and the gas price is zero, so any sender (even one without balance) can call. Gas estimation
follows geth's ``eth/gasestimator``: one run at the cap, then the optimistic guess
``(used + refund + 2300) * 64 / 63``, then a bisection only if that guess fails, stopping within 1.5 %.
"""

from __future__ import annotations

from dataclasses import dataclass

from eth.exceptions import OutOfGas, Revert
from eth.vm.spoof import SpoofTransaction
from eth_abi import decode as abi_decode
from eth_utils import ValidationError

from .errors import RpcError

ERROR_SELECTOR = bytes.fromhex("08c379a0")  # Error(string)
PANIC_SELECTOR = bytes.fromhex("4e487b71")  # Panic(uint256)
CALL_STIPEND = 2300
ESTIMATE_ERROR_RATIO = 0.015
TX_GAS = 21000


@dataclass
class CallRequest:
    """A decoded eth_call/eth_estimateGas transaction object."""

    sender: bytes
    to: bytes  # b"" for contract creation
    value: int
    data: bytes
    gas: int | None
    fee_cap: int  # gasPrice or maxFeePerGas, 0 when not given


@dataclass
class CallResult:
    """The outcome of one execution."""

    ok: bool
    output: bytes
    gas_used: int  # before refunds (geth's UsedGas + RefundedGas)
    reverted: bool
    error: str


def revert_error(output: bytes) -> RpcError:
    """geth's revert error: code 3, ``execution reverted[: reason]``, data = the raw revert bytes."""
    message = "execution reverted"
    if output[:4] == ERROR_SELECTOR:
        try:
            (reason,) = abi_decode(["string"], output[4:])
            message += f": {reason}"
        except Exception:  # undecodable Error(string) payload: keep the bare message, data carries it
            pass
    elif output[:4] == PANIC_SELECTOR and len(output) == 36:
        message += f": panic: 0x{int.from_bytes(output[4:], 'big'):02x}"
    return RpcError(3, message, "0x" + output.hex())


def execute(chain, header, request: CallRequest, gas: int) -> CallResult:
    """Runs ``request`` with ``gas`` on top of ``header``'s state, fee-less; never changes the chain."""
    with chain.lock:
        vm = chain.chain.get_vm(header.copy(base_fee_per_gas=0))
        state = vm.state
        unsigned = vm.create_unsigned_transaction(
            nonce=state.get_nonce(request.sender),
            gas_price=0,
            gas=gas,
            to=request.to,
            value=request.value,
            data=request.data,
        )
        tx = SpoofTransaction(unsigned, from_=request.sender)
        try:
            computation = state.apply_transaction(tx)
        except ValidationError as exc:
            text = str(exc)
            if "cannot afford" in text.lower() or "balance" in text.lower():
                balance = state.get_balance(request.sender)
                raise RpcError(
                    -32000,
                    f"insufficient funds for gas * price + value: address {_hex(request.sender)} have {balance} "
                    f"want {request.value}",
                ) from None
            if "intrinsic" in text.lower() or "gas" in text.lower():
                return CallResult(False, b"", gas, False, f"intrinsic gas too low: {text}")
            raise RpcError(-32000, text) from None
    used = gas - computation.get_gas_remaining() if not computation.is_error else gas
    if computation.is_error:
        error = computation.error
        if isinstance(error, Revert):
            return CallResult(False, bytes(computation.output), used, True, "execution reverted")
        if isinstance(error, OutOfGas):
            return CallResult(False, b"", used, False, "out of gas")
        return CallResult(False, b"", used, False, _vm_error_text(error))
    return CallResult(True, bytes(computation.output), used, False, "")


def call(chain, header, request: CallRequest) -> bytes:
    """eth_call: the return data, or a revert error (code 3) / execution error (-32000)."""
    gas = request.gas if request.gas is not None else header.gas_limit
    result = execute(chain, header, request, gas)
    if result.ok:
        return result.output
    if result.reverted:
        raise revert_error(result.output)
    raise RpcError(-32000, result.error)


def estimate_gas(chain, header, request: CallRequest) -> int:
    """eth_estimateGas, geth's algorithm (optimistic guess first, bisection only when it fails)."""
    hi = request.gas if request.gas is not None and request.gas >= TX_GAS else header.gas_limit
    if request.fee_cap > 0:
        balance = chain.state_at(header).get_balance(request.sender)
        if request.value > balance:
            raise RpcError(-32000, "insufficient funds for transfer")
        allowance = (balance - request.value) // request.fee_cap
        if hi > allowance:
            hi = allowance
    # A plain transfer to an account without code costs exactly 21000.
    if not request.data and request.to:
        code = chain.state_at(header).get_code(request.to)
        if not code:
            probe = execute(chain, header, request, TX_GAS)
            if probe.ok:
                return TX_GAS
    first = execute(chain, header, request, hi)
    if not first.ok:
        if first.reverted:
            raise revert_error(first.output)
        if first.error == "out of gas" or first.error.startswith("intrinsic gas too low"):
            raise RpcError(-32000, f"gas required exceeds allowance ({hi})")
        raise RpcError(-32000, first.error)
    lo = first.gas_used - 1
    optimistic = (first.gas_used + CALL_STIPEND) * 64 // 63
    if optimistic < hi:
        if execute(chain, header, request, optimistic).ok:
            hi = optimistic
        else:
            lo = optimistic
    while lo + 1 < hi:
        if (hi - lo) / hi < ESTIMATE_ERROR_RATIO:
            break
        mid = (hi + lo) // 2
        if mid > lo * 2:
            mid = lo * 2
        if execute(chain, header, request, mid).ok:
            hi = mid
        else:
            lo = mid
    return hi


def _vm_error_text(error) -> str:
    name = type(error).__name__
    text = str(error)
    if name == "InvalidInstruction":
        return f"invalid opcode: {text}"
    if name == "StackDepthLimit":
        return "max call depth exceeded"
    return f"{name}: {text}" if text else name


def _hex(address: bytes) -> str:
    return "0x" + address.hex()
