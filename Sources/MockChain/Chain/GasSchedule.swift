import Ethereum

/// The MockChain's gas model: the EVM's real intrinsic gas, plus a fixed, documented charge per
/// contract operation in place of executing bytecode (see README "Gas model").
///
/// Intrinsic gas is exactly the EVM's (what geth checks for "intrinsic gas too low"): 21,000, plus
/// 32,000 for a creation, plus 4 per zero and 16 per non-zero calldata byte, plus 2,400 per
/// access-list address and 1,900 per storage key. Contract execution is charged per storage
/// operation with the EIP-2929/2200 prices a Vyper contract pays for the same writes.
public enum GasSchedule {
    /// The base cost of every transaction.
    public static let transaction: UInt64 = 21_000
    /// The extra base cost of a contract creation.
    public static let creation: UInt64 = 32_000
    /// A cold storage read (EIP-2929).
    public static let coldRead: UInt64 = 2_100
    /// A write of a zero slot to non-zero (20,000 + cold access 2,100).
    public static let newSlot: UInt64 = 22_100
    /// A write of a non-zero slot (2,900 + cold access 2,100).
    public static let updateSlot: UInt64 = 5_000
    /// A value transfer by the contract (CALL with value, 9,000, to an existing account).
    public static let valueTransfer: UInt64 = 9_000
    /// Dispatch, ABI decoding and checks of any contract call.
    public static let callOverhead: UInt64 = 2_000
    /// Gas charged by a call that reverts, on top of intrinsic gas (the checks done up to the revert).
    public static let revertCharge: UInt64 = 5_000
    /// LOG base cost.
    public static let logBase: UInt64 = 375
    /// LOG cost per topic.
    public static let logTopic: UInt64 = 375
    /// LOG cost per data byte.
    public static let logByte: UInt64 = 8

    /// The EVM intrinsic gas of a transaction.
    public static func intrinsicGas(_ transaction: EthereumTransaction) -> UInt64 {
        var gas = Self.transaction
        if transaction.to == nil { gas += creation }
        for byte in transaction.data { gas += byte == 0 ? 4 : 16 }
        if transaction.type != .legacy {
            for entry in transaction.accessList { gas += 2_400 + 1_900 * UInt64(entry.storageKeys.count) }
        }
        return gas
    }

    /// The intrinsic gas of a call made with `eth_call`/`eth_estimateGas` (no access list).
    public static func intrinsicGas(data: [UInt8], creation isCreation: Bool) -> UInt64 {
        var gas = transaction + (isCreation ? creation : 0)
        for byte in data { gas += byte == 0 ? 4 : 16 }
        return gas
    }

    /// The cost of emitting `log`.
    public static func logCost(_ log: LogEntry) -> UInt64 {
        logBase + logTopic * UInt64(log.topics.count) + logByte * UInt64(log.data.count)
    }

    /// The cost of storing a string of `length` bytes in storage slots (a length slot plus one slot
    /// per 32 bytes), all new when `fresh`, else updates.
    public static func stringStorage(length: Int, fresh: Bool) -> UInt64 {
        let slots = UInt64(1 + (length + 31) / 32)
        return slots * (fresh ? newSlot : updateSlot)
    }
}
