/// The strict ABI decoder behind ``ABICodec/decode(_:from:)``: bounds-checked reads over one buffer.
struct ABIDecoding {
    let data: [UInt8]

    /// Decodes `count` values laid out as a tuple whose encoding starts at `base`.
    func decodeSequence(count: Int, type: (Int) -> ABIType, base: Int) throws -> [ABIValue] {
        var values: [ABIValue] = []
        values.reserveCapacity(min(count, 1024))
        var head = base
        for index in 0..<count {
            let elementType = type(index)
            if elementType.isDynamic {
                let offset = try readSize(at: head, what: "offset")
                guard offset <= data.count - base else {
                    throw EthereumError(
                        .offsetOutOfRange,
                        "offset \(offset) at byte \(head) points past the end of the \(data.count)-byte data")
                }
                values.append(try decodeValue(elementType, at: base + offset))
                head += 32
            } else {
                values.append(try decodeValue(elementType, at: head))
                head += elementType.headSize
            }
        }
        return values
    }

    func decodeValue(_ type: ABIType, at position: Int) throws -> ABIValue {
        switch type {
        case .uint(let bits):
            try requireWord(at: position, type)
            try requireZeros(from: position, count: (256 - bits) / 8, type)
            return .uint(word(at: position))
        case .int(let bits):
            try requireWord(at: position, type)
            let pad = (256 - bits) / 8
            let signByte: UInt8 = data[position + pad] >= 0x80 ? 0xFF : 0x00
            for index in position..<(position + pad) where data[index] != signByte {
                throw EthereumError(.dirtyPadding, "int\(bits) at byte \(position) is not sign-extended to 256 bits")
            }
            return .int(I256(bitPattern: word(at: position)))
        case .address:
            try requireWord(at: position, type)
            try requireZeros(from: position, count: 12, type)
            return .address(EthereumAddress(unchecked: Array(data[(position + 12)..<(position + 32)])))
        case .bool:
            try requireWord(at: position, type)
            try requireZeros(from: position, count: 31, type)
            guard data[position + 31] <= 1 else {
                throw EthereumError(.dirtyPadding, "bool at byte \(position) is \(data[position + 31]), not 0 or 1")
            }
            return .bool(data[position + 31] == 1)
        case .fixedBytes(let size):
            try requireWord(at: position, type)
            try requireZeros(from: position + size, count: 32 - size, type)
            return .fixedBytes(Array(data[position..<(position + size)]))
        case .bytes:
            return .bytes(try dynamicBytes(at: position, type))
        case .string:
            let bytes = try dynamicBytes(at: position, type)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw EthereumError(.invalidUTF8, "string at byte \(position) is not valid UTF-8")
            }
            return .string(text)
        case .array(let element):
            let length = try readSize(at: position, what: "array length")
            let start = position + 32
            let stride = max(element.headSize, 1)
            guard length <= (data.count - start) / stride else {
                throw EthereumError(
                    .lengthOverflow,
                    "array length \(length) at byte \(position) needs more than the \(data.count - start) bytes left")
            }
            return .array(try decodeSequence(count: length, type: { _ in element }, base: start))
        case .fixedArray(let element, let size):
            guard size <= (data.count - position) / max(element.headSize, 1) else {
                throw EthereumError(.truncated, "\(type) at byte \(position) runs past the end of the data")
            }
            return .array(try decodeSequence(count: size, type: { _ in element }, base: position))
        case .tuple(let elements):
            return .tuple(try decodeSequence(count: elements.count, type: { elements[$0] }, base: position))
        }
    }

    func requireWord(at position: Int, _ type: ABIType) throws {
        guard position <= data.count - 32 else {
            throw EthereumError(
                .truncated, "\(type) at byte \(position) runs past the end of the \(data.count)-byte data")
        }
    }

    func requireZeros(from start: Int, count: Int, _ type: ABIType) throws {
        for index in start..<(start + count) where data[index] != 0 {
            throw EthereumError(.dirtyPadding, "\(type) at byte \(start) has non-zero padding at byte \(index)")
        }
    }

    func word(at position: Int) -> U256 {
        var limbs: [UInt64] = [0, 0, 0, 0]
        for limb in 0..<4 {
            var value: UInt64 = 0
            for byte in 0..<8 { value = value << 8 | UInt64(data[position + limb * 8 + byte]) }
            limbs[3 - limb] = value
        }
        return U256(limbs: (limbs[0], limbs[1], limbs[2], limbs[3]))
    }

    /// A 32-byte word used as an offset or length: it must fit the data's size.
    func readSize(at position: Int, what: String) throws -> Int {
        guard position >= 0, position <= data.count - 32 else {
            throw EthereumError(
                .truncated, "\(what) at byte \(position) runs past the end of the \(data.count)-byte data")
        }
        let value = word(at: position)
        guard let small = value.uint64, small <= UInt64(data.count) else {
            let code: EthereumError.Code = what == "offset" ? .offsetOutOfRange : .lengthOverflow
            throw EthereumError(code, "\(what) \(value) at byte \(position) exceeds the \(data.count)-byte data")
        }
        return Int(small)
    }

    func dynamicBytes(at position: Int, _ type: ABIType) throws -> [UInt8] {
        let length = try readSize(at: position, what: "\(type) length")
        let start = position + 32
        let padded = (length + 31) / 32 * 32
        guard padded <= data.count - start else {
            throw EthereumError(
                .truncated, "\(type) of \(length) bytes at byte \(position) runs past the end of the data")
        }
        try requireZeros(from: start + length, count: padded - length, type)
        return Array(data[start..<(start + length)])
    }
}
