"""The py-evm machine the devchain runs: Cancun rules, BN254 precompiles through pyrevm, and blocks
that may share their parent's timestamp so that the chain clock follows the wall clock.

Why equal timestamps: with automine every transaction gets its own block. Requiring each block to be
one second later than its parent (as py-evm and mainnet do) would push the chain clock ahead of real
time under load (80 transactions in one second = a clock 80 s ahead), which would make the contract's
time rules (2000 tokens per second, the dispute window) lenient. Hardhat allows the same with
``allowBlocksWithSameTimestamp``.
"""

from __future__ import annotations

from eth.chains.base import MiningChain
from eth.vm.forks.cancun import CancunVM
from eth.vm.forks.cancun.computation import CancunComputation
from eth.vm.forks.cancun.state import CancunState

from .precompiles import fast_bn254_precompiles


class DevComputation(CancunComputation):
    """Cancun computation with the BN254 precompiles delegated to pyrevm when it is installed."""

    _precompiles = {**CancunComputation._precompiles, **fast_bn254_precompiles()}


class DevState(CancunState):
    """Cancun state using :class:`DevComputation`."""

    computation_class = DevComputation


class DevVM(CancunVM):
    """Cancun VM that accepts a block with the same timestamp as its parent (see module docstring)."""

    _state_class = DevState

    @classmethod
    def validate_header(cls, header, parent_header) -> None:
        if parent_header is not None and header.timestamp == parent_header.timestamp:
            parent_header = parent_header.copy(timestamp=parent_header.timestamp - 1)
        super().validate_header(header, parent_header)


def chain_class(chain_id: int) -> type[MiningChain]:
    """A MiningChain class running :class:`DevVM` from genesis with the given chain id."""
    return MiningChain.configure(__name__="DevChain", vm_configuration=((0, DevVM),), chain_id=chain_id)
