/// Decoding raw signed transactions (types 0, 1, 2) with sender recovery.
extension SignedTransaction {
    /// Decodes a raw signed transaction and recovers its sender.
    /// - Parameter raw: the bytes of `eth_sendRawTransaction` / `eth_getRawTransactionByHash`.
    /// - Throws: ``EthereumError`` — `invalidTransaction` for unknown types or wrong field counts,
    ///   RLP codes for malformed encodings, `nonCanonical` for integers with leading zeros,
    ///   `invalidSignature` for out-of-range or high-s signatures.
    public init(raw: [UInt8]) throws {
        guard let first = raw.first else {
            throw EthereumError(.invalidTransaction, "empty raw transaction")
        }
        if first >= 0xC0 {
            try self.init(legacyFields: try RLPItem.decode(raw).listValue())
        } else if first == 1 || first == 2 {
            let fields = try RLPItem.decode(Array(raw.dropFirst())).listValue()
            try self.init(typedFields: fields, type: first == 1 ? .accessList : .dynamicFee)
        } else {
            throw EthereumError(
                .invalidTransaction, "unsupported transaction type 0x\(String(first, radix: 16)) (0, 1 and 2 are known)"
            )
        }
    }

    private init(legacyFields fields: [RLPItem]) throws {
        guard fields.count == 9 else {
            throw EthereumError(.invalidTransaction, "a legacy transaction has 9 fields, got \(fields.count)")
        }
        let v = try fields[6].u256Value()
        let chainId: UInt64?
        let recoveryId: UInt64
        if v == U256(27) || v == U256(28) {
            chainId = nil
            recoveryId = (v - U256(27)).uint64 ?? 0
        } else if v >= U256(35) {
            let (quotient, remainder) = (v - U256(35)).quotientAndRemainder(dividingBy: UInt64(2))
            guard let id = quotient.uint64 else {
                throw EthereumError(.invalidTransaction, "legacy v \(v) implies a chain id above 2^64")
            }
            chainId = id
            recoveryId = remainder
        } else {
            throw EthereumError(.invalidSignature, "legacy v is \(v); expected 27, 28 or chainId × 2 + 35/36")
        }
        let transaction = EthereumTransaction.legacy(
            chainId: chainId, nonce: try fields[0].uint64Value(), gasPrice: try fields[1].u256Value(),
            gasLimit: try fields[2].uint64Value(), to: try Self.recipient(fields[3]), value: try fields[4].u256Value(),
            data: try fields[5].bytesValue())
        try self.init(
            transaction: transaction,
            signature: try Self.signature(r: fields[7], s: fields[8], recoveryId: recoveryId))
    }

    private init(typedFields fields: [RLPItem], type: TransactionType) throws {
        let expected = type == .accessList ? 11 : 12
        guard fields.count == expected else {
            throw EthereumError(
                .invalidTransaction, "a type \(type.rawValue) transaction has \(expected) fields, got \(fields.count)")
        }
        let chainId = try fields[0].uint64Value()
        let nonce = try fields[1].uint64Value()
        let transaction: EthereumTransaction
        let rest: ArraySlice<RLPItem>
        if type == .accessList {
            rest = fields[3...]
            transaction = .accessList(
                chainId: chainId, nonce: nonce, gasPrice: try fields[2].u256Value(),
                gasLimit: try rest[3].uint64Value(),
                to: try Self.recipient(rest[4]), value: try rest[5].u256Value(), data: try rest[6].bytesValue(),
                accessList: try Self.accessList(rest[7]))
        } else {
            rest = fields[4...]
            transaction = .dynamicFee(
                chainId: chainId, nonce: nonce, maxPriorityFeePerGas: try fields[2].u256Value(),
                maxFeePerGas: try fields[3].u256Value(), gasLimit: try rest[4].uint64Value(),
                to: try Self.recipient(rest[5]), value: try rest[6].u256Value(), data: try rest[7].bytesValue(),
                accessList: try Self.accessList(rest[8]))
        }
        let base = rest.startIndex + 5
        let parity = try fields[base].uint64Value()
        guard parity <= 1 else {
            throw EthereumError(.invalidSignature, "y parity is \(parity); expected 0 or 1")
        }
        try self.init(
            transaction: transaction,
            signature: try Self.signature(r: fields[base + 1], s: fields[base + 2], recoveryId: parity))
    }

    private static func recipient(_ item: RLPItem) throws -> EthereumAddress? {
        let bytes = try item.bytesValue()
        return bytes.isEmpty ? nil : try EthereumAddress(bytes: bytes)
    }

    private static func accessList(_ item: RLPItem) throws -> [AccessListEntry] {
        try item.listValue().map { entry in
            let parts = try entry.listValue()
            guard parts.count == 2 else {
                throw EthereumError(.invalidTransaction, "an access-list entry is [address, [keys]]")
            }
            return try AccessListEntry(
                address: try EthereumAddress(bytes: try parts[0].bytesValue()),
                storageKeys: try parts[1].listValue().map { try $0.bytesValue() })
        }
    }

    private static func signature(r: RLPItem, s: RLPItem, recoveryId: UInt64) throws -> EthereumSignature {
        try EthereumSignature(
            r: try r.u256Value().bigEndianBytes, s: try s.u256Value().bigEndianBytes, recoveryId: UInt8(recoveryId))
    }
}
