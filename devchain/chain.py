"""DevChain: py-evm state, block production (automine plus timed sealing), a small transaction pool,
geth-style transaction validation, snapshots and time controls. Thread-safe: every public method takes
the chain lock, because py-evm is not.

JSON formatting of blocks, transactions and receipts lives in :mod:`devchain.formatting`; fee-less
execution (``eth_call``, ``eth_estimateGas``) in :mod:`devchain.execution`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from eth._utils.address import generate_contract_address
from eth.constants import GENESIS_PARENT_HASH
from eth.db.atomic import AtomicDB
from eth_utils import ValidationError, to_canonical_address

from .errors import RpcError, TxRejected
from .evm import chain_class

GAS_LIMIT = 30_000_000
INITIAL_BASE_FEE = 1_000_000_000
# eth_maxPriorityFeePerGas answer (geth's default minimum suggested tip is 1 gwei).
SUGGESTED_TIP = 1_000_000_000
MAX_TX_SIZE = 128 * 1024
PRICE_BUMP_PERCENT = 10


@dataclass
class MinedTx:
    """A transaction in a mined block, with what its receipt needs."""

    tx: object
    sender: bytes
    index: int
    gas_used: int
    cumulative_gas_used: int
    status: int
    effective_gas_price: int
    contract_address: bytes | None
    logs: list  # [(address bytes, [topic bytes32], data bytes, block-wide log index)]
    bloom: int


@dataclass
class BlockRecord:
    """A mined block as the RPC layer serves it."""

    header: object
    size: int
    txs: list[MinedTx] = field(default_factory=list)


@dataclass
class PooledTx:
    """A transaction waiting in the pool (automine off)."""

    tx: object
    sender: bytes
    arrival: int


class DevChain:
    """A single-node chain: automine of each transaction plus an empty/pool block every block time."""

    def __init__(
        self, chain_id: int, genesis_balances: dict[bytes, int], automine: bool = True, manual_clock: bool = False
    ) -> None:
        self.chain_id = chain_id
        self.automine = automine
        self.lock = threading.RLock()
        # With a manual clock the chain time starts at the wall clock and then moves only by
        # evm_increaseTime / explicit timestamps, so tests can hit time boundaries exactly.
        self.clock_base: int | None = int(time.time()) if manual_clock else None
        self.time_offset = 0  # seconds added to the wall clock (evm_increaseTime)
        self.next_timestamp: int | None = None  # evm_setNextBlockTimestamp
        self._chain_cls = chain_class(chain_id)
        state = {
            addr: {"balance": bal, "nonce": 0, "code": b"", "storage": {}} for addr, bal in genesis_balances.items()
        }
        params = {
            "difficulty": 0,
            "gas_limit": GAS_LIMIT,
            "timestamp": self.now(),
            "base_fee_per_gas": INITIAL_BASE_FEE,
        }
        self._db = AtomicDB()
        self.chain = self._chain_cls.from_genesis(self._db, params, state)
        genesis = self.chain.get_canonical_head()
        self.blocks: list[BlockRecord] = [BlockRecord(genesis, self._block_size(genesis))]
        self.tx_index: dict[bytes, tuple[int, int]] = {}
        self.pool: dict[bytes, PooledTx] = {}  # tx hash -> pooled tx
        self._arrivals = 0
        self._snapshots: dict[int, tuple] = {}
        self._next_snapshot = 1
        self.last_seal_wallclock = time.monotonic()

    # -- clock ------------------------------------------------------------------------------------

    def now(self) -> int:
        """The chain clock: wall clock (or the frozen start time) plus the evm_increaseTime offset."""
        base = self.clock_base if self.clock_base is not None else int(time.time())
        return base + self.time_offset

    def increase_time(self, seconds: int) -> int:
        """Moves the chain clock forward; returns the total offset in seconds (ganache/anvil style)."""
        if seconds < 0:
            raise RpcError(-32602, "evm_increaseTime: seconds must not be negative")
        with self.lock:
            self.time_offset += seconds
            return self.time_offset

    # -- reading ----------------------------------------------------------------------------------

    @property
    def head(self) -> BlockRecord:
        return self.blocks[-1]

    def pending_header(self):
        """The header the next block would have (number, base fee, timestamp now)."""
        with self.lock:
            parent = self.head.header
            return self.chain.header.copy(timestamp=max(self.now(), parent.timestamp), gas_limit=GAS_LIMIT)

    def next_base_fee(self) -> int:
        with self.lock:
            return self.chain.header.base_fee_per_gas

    def state_at(self, header):
        with self.lock:
            return self.chain.get_vm(header).state

    def pending_nonce(self, address: bytes) -> int:
        with self.lock:
            nonce = self.state_at(self.head.header).get_nonce(address)
            nonces = {p.tx.nonce for p in self.pool.values() if p.sender == address}
            while nonce in nonces:
                nonce += 1
            return nonce

    def find_tx(self, tx_hash: bytes):
        """(BlockRecord, MinedTx) for a mined transaction, (None, PooledTx) for a pooled one, or None."""
        with self.lock:
            where = self.tx_index.get(tx_hash)
            if where is not None:
                record = self.blocks[where[0]]
                return record, record.txs[where[1]]
            if tx_hash in self.pool:
                return None, self.pool[tx_hash]
            return None

    # -- transactions -----------------------------------------------------------------------------

    def submit(self, tx, raw_size: int) -> bytes:
        """Validates a decoded signed transaction like geth's txpool, then mines it (automine) or pools it.

        Returns the transaction hash. Raises :class:`TxRejected` with geth's error string.
        """
        sender = self._validate_stateless(tx, raw_size)
        with self.lock:
            replaced = self._validate_with_state(tx, sender)
            if replaced is not None:
                del self.pool[replaced]
            self._arrivals += 1
            self.pool[tx.hash] = PooledTx(tx, sender, self._arrivals)
            if self.automine:
                self.seal()
            return tx.hash

    def _validate_stateless(self, tx, raw_size: int) -> bytes:
        type_id = getattr(tx, "type_id", None)
        if type_id not in (None, 1, 2):
            raise TxRejected("transaction type not supported")
        if raw_size > MAX_TX_SIZE:
            raise TxRejected(f"oversized data: transaction size {raw_size}, limit {MAX_TX_SIZE}")
        chain_id = tx.chain_id
        if chain_id is None:
            raise TxRejected("only replay-protected (EIP-155) transactions allowed over RPC")
        if chain_id != self.chain_id:
            raise TxRejected(f"invalid chain id: have {chain_id} want {self.chain_id}")
        try:
            tx.check_signature_validity()
            sender = tx.sender
        except (ValidationError, ValueError) as exc:
            raise TxRejected(f"invalid sender: {exc}") from None
        if tx.gas > GAS_LIMIT:
            raise TxRejected("exceeds block gas limit")
        if tx.max_priority_fee_per_gas > tx.max_fee_per_gas:
            raise TxRejected(
                "max priority fee per gas higher than max fee per gas: address "
                f"{_checksum(sender)}, maxPriorityFeePerGas: {tx.max_priority_fee_per_gas}, "
                f"maxFeePerGas: {tx.max_fee_per_gas}"
            )
        intrinsic = tx.intrinsic_gas
        if tx.gas < intrinsic:
            raise TxRejected(f"intrinsic gas too low: gas {tx.gas}, minimum needed {intrinsic}")
        return sender

    def _validate_with_state(self, tx, sender: bytes) -> bytes | None:
        """Nonce, fee and balance checks; returns the hash of the pooled tx this one replaces, if any."""
        if tx.hash in self.pool:
            raise TxRejected("already known")
        state = self.state_at(self.head.header)
        next_nonce = state.get_nonce(sender)
        if tx.nonce < next_nonce:
            raise TxRejected(f"nonce too low: next nonce {next_nonce}, tx nonce {tx.nonce}")
        pending = {p.tx.nonce: h for h, p in self.pool.items() if p.sender == sender}
        gap = next_nonce
        while gap in pending:
            gap += 1
        if tx.nonce > gap:
            raise TxRejected(f"nonce too high: tx nonce {tx.nonce}, gapped nonce {gap}")
        base_fee = self.next_base_fee()
        if tx.max_fee_per_gas < base_fee:
            raise TxRejected(
                f"max fee per gas less than block base fee: address {_checksum(sender)}, "
                f"maxFeePerGas: {tx.max_fee_per_gas}, baseFee: {base_fee}"
            )
        balance = state.get_balance(sender)
        cost = tx.gas * tx.max_fee_per_gas + tx.value
        if balance < cost:
            raise TxRejected(
                f"insufficient funds for gas * price + value: balance {balance}, tx cost {cost}, "
                f"overshot {cost - balance}"
            )
        old_hash = pending.get(tx.nonce)
        if old_hash is None:
            return None
        old = self.pool[old_hash].tx
        bump = 100 + PRICE_BUMP_PERCENT
        if (
            tx.max_fee_per_gas * 100 < old.max_fee_per_gas * bump
            or tx.max_priority_fee_per_gas * 100 < old.max_priority_fee_per_gas * bump
        ):
            raise TxRejected("replacement transaction underpriced")
        return old_hash

    # -- block production -------------------------------------------------------------------------

    def seal(self, timestamp: int | None = None) -> BlockRecord:
        """Mines one block with the executable pooled transactions (possibly none)."""
        with self.lock:
            parent = self.head.header
            if timestamp is None and self.next_timestamp is not None:
                timestamp, self.next_timestamp = max(self.next_timestamp, parent.timestamp), None
            if timestamp is None:
                timestamp = max(self.now(), parent.timestamp)
            elif timestamp < parent.timestamp:
                raise RpcError(-32000, f"timestamp {timestamp} is before the latest block's {parent.timestamp}")
            else:
                # An explicit timestamp moves the chain clock there, so that later blocks continue from it
                # instead of repeating it until the wall clock catches up (hardhat does the same).
                self.time_offset += max(0, timestamp - self.now())
            self.chain.header = self.chain.header.copy(timestamp=timestamp, gas_limit=GAS_LIMIT)
            base_fee = self.chain.header.base_fee_per_gas
            applied = []
            gas_left = GAS_LIMIT
            for pooled in self._executable(base_fee):
                if pooled.tx.gas > gas_left:
                    continue
                try:
                    _block, receipt, computation = self.chain.apply_transaction(pooled.tx)
                except ValidationError:
                    del self.pool[pooled.tx.hash]  # no longer valid (e.g. balance spent meanwhile)
                    continue
                del self.pool[pooled.tx.hash]
                applied.append((pooled, receipt))
                gas_left = GAS_LIMIT - receipt.gas_used
            block = self.chain.mine_block()
            record = BlockRecord(block.header, self._block_size(block))
            log_index = 0
            previous_cumulative = 0
            for index, (pooled, receipt) in enumerate(applied):
                tx = pooled.tx
                logs = []
                for entry in receipt.logs:
                    topics = [t.to_bytes(32, "big") if isinstance(t, int) else bytes(t) for t in entry.topics]
                    logs.append((bytes(entry.address), topics, bytes(entry.data), log_index))
                    log_index += 1
                created = None
                if not tx.to:
                    created = generate_contract_address(pooled.sender, tx.nonce)
                record.txs.append(
                    MinedTx(
                        tx=tx,
                        sender=pooled.sender,
                        index=index,
                        gas_used=receipt.gas_used - previous_cumulative,
                        cumulative_gas_used=receipt.gas_used,
                        status=1 if receipt.state_root == b"\x01" else 0,
                        effective_gas_price=min(tx.max_fee_per_gas, base_fee + tx.max_priority_fee_per_gas),
                        contract_address=created,
                        logs=logs,
                        bloom=receipt.bloom,
                    )
                )
                previous_cumulative = receipt.gas_used
                self.tx_index[tx.hash] = (block.number, index)
            self.blocks.append(record)
            self.last_seal_wallclock = time.monotonic()
            return record

    def _executable(self, base_fee: int) -> list[PooledTx]:
        """Pooled transactions in mining order: per sender by nonce, across senders by tip, then arrival."""
        by_sender: dict[bytes, list[PooledTx]] = {}
        for pooled in self.pool.values():
            by_sender.setdefault(pooled.sender, []).append(pooled)
        state = self.state_at(self.head.header)
        queues = []
        for sender, items in by_sender.items():
            items.sort(key=lambda p: p.tx.nonce)
            nonce = state.get_nonce(sender)
            run = []
            for p in items:
                if p.tx.nonce != nonce or p.tx.max_fee_per_gas < base_fee:
                    break
                run.append(p)
                nonce += 1
            if run:
                queues.append(run)
        ordered = []
        while queues:
            queues.sort(
                key=lambda q: (-min(q[0].tx.max_priority_fee_per_gas, q[0].tx.max_fee_per_gas - base_fee), q[0].arrival)
            )
            ordered.append(queues[0].pop(0))
            queues = [q for q in queues if q]
        return ordered

    @staticmethod
    def _block_size(block_or_header) -> int:
        import rlp

        return len(rlp.encode(block_or_header))

    # -- snapshots --------------------------------------------------------------------------------

    def snapshot(self) -> int:
        with self.lock:
            snap_id = self._next_snapshot
            self._next_snapshot += 1
            self._snapshots[snap_id] = (len(self.blocks), self.time_offset, dict(self.pool), self.next_timestamp)
            return snap_id

    def revert(self, snap_id: int) -> bool:
        """Restores the chain to a snapshot; that snapshot and every later one are consumed."""
        with self.lock:
            saved = self._snapshots.get(snap_id)
            if saved is None:
                return False
            length, self.time_offset, pool, self.next_timestamp = saved
            for key in [k for k in self._snapshots if k >= snap_id]:
                del self._snapshots[key]
            for record in self.blocks[length:]:
                for mined in record.txs:
                    self.tx_index.pop(mined.tx.hash, None)
            del self.blocks[length:]
            self.pool = pool
            head = self.blocks[-1].header
            chaindb = self.chain.chaindb
            chaindb._set_as_canonical_chain_head(chaindb.db, head, GENESIS_PARENT_HASH)
            self.chain = self._chain_cls(self._db)
            return True


def _checksum(address: bytes) -> str:
    from eth_utils import to_checksum_address

    return to_checksum_address(address)


def canonical(address: str) -> bytes:
    """A 0x-hex address as 20 bytes; raises RpcError(-32602) if it is not one."""
    try:
        out = to_canonical_address(address)
    except (ValueError, TypeError):
        raise RpcError(-32602, f"invalid address: {address!r}") from None
    return out


__all__ = ["DevChain", "BlockRecord", "MinedTx", "PooledTx", "GAS_LIMIT", "SUGGESTED_TIP", "canonical"]
