/// The nonce bookkeeping of one sender inside a ``TransactionManager``.
struct SenderNonces: Sendable {
    /// The next fresh nonce; nil until read from the chain (or after a resync is forced).
    var next: UInt64?
    /// Nonces that were reserved and then abandoned before any broadcast; reused first, lowest first,
    /// so that no gap is left behind.
    var released: Set<UInt64> = []
    /// Nonces reserved and not yet broadcast; a higher nonce waits for these (no gaps at the node).
    var unbroadcast: Set<UInt64> = []

    /// Takes the lowest released nonce, or the next fresh one (which must be known).
    mutating func reserve() -> UInt64? {
        if let lowest = released.min() {
            released.remove(lowest)
            unbroadcast.insert(lowest)
            return lowest
        }
        guard let nonce = next else { return nil }
        next = nonce + 1
        unbroadcast.insert(nonce)
        return nonce
    }

    /// Gives back a nonce that was never broadcast.
    mutating func release(_ nonce: UInt64) {
        unbroadcast.remove(nonce)
        if let next, nonce + 1 == next, !released.contains(nonce) {
            self.next = nonce
        } else {
            released.insert(nonce)
        }
    }

    /// Records that `nonce` was broadcast (or its broadcast ended).
    mutating func broadcastEnded(_ nonce: UInt64) { unbroadcast.remove(nonce) }

    /// Takes the chain's pending count into account: fresh nonces start at least there, and
    /// released nonces below it are gone (used by someone else).
    mutating func resync(chainPending: UInt64) {
        next = max(next ?? chainPending, chainPending)
        released = released.filter { $0 >= chainPending }
    }

    /// Records a nonce known to be used by one of our transactions (e.g. resumed after a restart).
    mutating func noteUsed(_ nonce: UInt64) {
        released.remove(nonce)
        if let next { self.next = max(next, nonce + 1) }
    }

    /// Whether a nonce below `nonce` is reserved and not yet broadcast.
    func mustWait(before nonce: UInt64) -> Bool { unbroadcast.contains { $0 < nonce } }
}
