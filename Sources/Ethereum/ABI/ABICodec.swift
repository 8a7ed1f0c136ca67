/// Solidity ABI v2 encoding and strict decoding of value sequences (function arguments, return
/// values, event data, error data).
///
/// Encoding checks every value against its type (`valueMismatch` when a value does not fit). Decoding
/// is strict: offsets and lengths outside the data (`offsetOutOfRange`, `lengthOverflow`), data that
/// ends early (`truncated`), non-zero padding, bools other than 0 and 1, integers outside their width
/// (`dirtyPadding`) and invalid UTF-8 (`invalidUTF8`) are typed errors; no input traps.
public enum ABICodec {
    /// Encodes `values` as the tuple `types` (the argument encoding, without a selector).
    /// - Parameters:
    ///   - values: one value per type.
    ///   - types: the types, in order.
    /// - Returns: the encoding, a multiple of 32 bytes.
    /// - Throws: ``EthereumError/Code/valueMismatch`` when a value does not fit its type.
    public static func encode(_ values: [ABIValue], as types: [ABIType]) throws -> [UInt8] {
        guard values.count == types.count else {
            throw EthereumError(.valueMismatch, "\(values.count) ABI values given for \(types.count) types")
        }
        var out: [UInt8] = []
        out.reserveCapacity(32 * (types.count + 8))
        try encodeSequence(count: types.count, type: { types[$0] }, values: values, into: &out)
        return out
    }

    /// Decodes `data` as the tuple `types`. Bytes after the last value's encoding are ignored, as
    /// Solidity does.
    /// - Parameters:
    ///   - types: the types, in order.
    ///   - data: the encoding (without a selector).
    /// - Returns: one value per type.
    /// - Throws: ``EthereumError`` for malformed data (see the type's discussion).
    public static func decode(_ types: [ABIType], from data: [UInt8]) throws -> [ABIValue] {
        try ABIDecoding(data: data).decodeSequence(count: types.count, type: { types[$0] }, base: 0)
    }

    // MARK: Encoding

    static func encodeSequence(
        count: Int, type: (Int) -> ABIType, values: [ABIValue], into out: inout [UInt8]
    ) throws {
        let start = out.count
        var hasDynamic = false
        for index in 0..<count {
            let elementType = type(index)
            if elementType.isDynamic {
                hasDynamic = true
                appendZeros(32, to: &out)
            } else {
                try encodeValue(values[index], as: elementType, into: &out)
            }
        }
        guard hasDynamic else { return }
        var head = start
        for index in 0..<count {
            let elementType = type(index)
            if elementType.isDynamic {
                writeWord(U256(UInt64(out.count - start)), into: &out, at: head)
                try encodeValue(values[index], as: elementType, into: &out)
                head += 32
            } else {
                head += elementType.headSize
            }
        }
    }

    static func encodeValue(_ value: ABIValue, as type: ABIType, into out: inout [UInt8]) throws {
        switch (type, value) {
        case (.uint(let bits), .uint(let number)):
            guard number.bitWidth <= bits else {
                throw EthereumError(.valueMismatch, "\(number) does not fit uint\(bits)")
            }
            appendWord(number, to: &out)
        case (.int(let bits), .int(let number)):
            guard number.signedBitWidth <= bits else {
                throw EthereumError(.valueMismatch, "\(number) does not fit int\(bits)")
            }
            appendWord(number.bitPattern, to: &out)
        case (.address, .address(let address)):
            appendZeros(12, to: &out)
            out.append(contentsOf: address.bytes)
        case (.bool, .bool(let flag)):
            appendZeros(31, to: &out)
            out.append(flag ? 1 : 0)
        case (.fixedBytes(let size), .fixedBytes(let bytes)), (.fixedBytes(let size), .bytes(let bytes)):
            guard bytes.count == size else {
                throw EthereumError(.valueMismatch, "bytes\(size) needs exactly \(size) bytes, got \(bytes.count)")
            }
            out.append(contentsOf: bytes)
            appendZeros(32 - size, to: &out)
        case (.bytes, .bytes(let bytes)), (.bytes, .fixedBytes(let bytes)):
            appendDynamicBytes(bytes, to: &out)
        case (.string, .string(let text)):
            let utf8 = text.utf8
            appendWord(U256(UInt64(utf8.count)), to: &out)
            out.append(contentsOf: utf8)
            appendZeros((32 - utf8.count % 32) % 32, to: &out)
        case (.array(let element), .array(let values)):
            appendWord(U256(UInt64(values.count)), to: &out)
            try encodeSequence(count: values.count, type: { _ in element }, values: values, into: &out)
        case (.fixedArray(let element, let size), .array(let values)):
            guard values.count == size else {
                throw EthereumError(.valueMismatch, "\(type) needs \(size) elements, got \(values.count)")
            }
            try encodeSequence(count: size, type: { _ in element }, values: values, into: &out)
        case (.tuple(let elements), .tuple(let values)), (.tuple(let elements), .array(let values)):
            guard values.count == elements.count else {
                throw EthereumError(
                    .valueMismatch, "tuple \(type) needs \(elements.count) components, got \(values.count)")
            }
            try encodeSequence(count: elements.count, type: { elements[$0] }, values: values, into: &out)
        default:
            throw EthereumError(.valueMismatch, "an ABI \(value.kind) value cannot be encoded as \(type)")
        }
    }

    @inline(__always)
    static func appendZeros(_ count: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0, count: count))
    }

    @inline(__always)
    static func appendWord(_ value: U256, to out: inout [UInt8]) {
        let words = (value.limbs.3.bigEndian, value.limbs.2.bigEndian, value.limbs.1.bigEndian, value.limbs.0.bigEndian)
        withUnsafeBytes(of: words) { out.append(contentsOf: $0) }
    }

    static func writeWord(_ value: U256, into out: inout [UInt8], at offset: Int) {
        let words = (value.limbs.3.bigEndian, value.limbs.2.bigEndian, value.limbs.1.bigEndian, value.limbs.0.bigEndian)
        withUnsafeBytes(of: words) { bytes in
            out.withUnsafeMutableBytes {
                $0.baseAddress!.advanced(by: offset).copyMemory(from: bytes.baseAddress!, byteCount: 32)
            }
        }
    }

    static func appendDynamicBytes(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendWord(U256(UInt64(bytes.count)), to: &out)
        out.append(contentsOf: bytes)
        appendZeros((32 - bytes.count % 32) % 32, to: &out)
    }
}
