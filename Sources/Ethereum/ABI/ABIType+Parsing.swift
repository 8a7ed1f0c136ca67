/// Parsing ABI type strings.
extension ABIType {
    /// Parses a type string: elementary names (`uint` and `int` mean 256 bits), `T[]`, `T[k]`, tuples
    /// `(T1,…)` (optionally spelled `tuple(T1,…)`), with optional spaces around commas.
    /// - Throws: ``EthereumError/Code/invalidType`` with the offending text.
    public init(parsing text: String) throws {
        var parser = ABITypeParser(text)
        let type = try parser.parseType()
        try parser.expectEnd()
        self = type
    }

    /// Parses a parenthesised list of types, `(T1,T2,…)`, returning the element types.
    /// - Throws: ``EthereumError/Code/invalidType``.
    public static func parseList(_ text: String) throws -> [ABIType] {
        guard case .tuple(let elements) = try ABIType(parsing: text) else {
            throw EthereumError(
                .invalidType, "expected a parenthesised list of types like (uint256,string), got \(text)")
        }
        return elements
    }
}

/// A small recursive-descent parser over the UTF-8 of a type string.
struct ABITypeParser {
    let text: String
    let utf8: [UInt8]
    var position = 0
    var depth = 0

    init(_ text: String) {
        self.text = text
        self.utf8 = Array(text.utf8)
    }

    mutating func skipSpaces() {
        while position < utf8.count, utf8[position] == 0x20 { position += 1 }
    }

    func fail(_ what: String) -> EthereumError {
        EthereumError(.invalidType, "\(what) at position \(position) in ABI type '\(text)'")
    }

    mutating func expectEnd() throws {
        skipSpaces()
        guard position == utf8.count else { throw fail("unexpected text") }
    }

    mutating func parseType() throws -> ABIType {
        skipSpaces()
        var type: ABIType
        if position < utf8.count, utf8[position] == 0x28 {
            type = .tuple(try parseTupleBody())
        } else {
            let start = position
            while position < utf8.count, isNameCharacter(utf8[position]) { position += 1 }
            let name = String(decoding: utf8[start..<position], as: UTF8.self)
            if name == "tuple", position < utf8.count, utf8[position] == 0x28 {
                type = .tuple(try parseTupleBody())
            } else {
                type = try elementary(name)
            }
        }
        while position < utf8.count, utf8[position] == 0x5B {
            position += 1
            let start = position
            while position < utf8.count, (0x30...0x39).contains(utf8[position]) { position += 1 }
            guard position < utf8.count, utf8[position] == 0x5D else { throw fail("expected ']'") }
            let digits = String(decoding: utf8[start..<position], as: UTF8.self)
            position += 1
            if digits.isEmpty {
                type = .array(type)
            } else {
                guard digits.count <= 9, let count = Int(digits), digits.first != "0" else {
                    throw fail("bad array size '\(digits)' (fixed arrays have 1 to 999999999 elements)")
                }
                type = .fixedArray(type, count)
            }
        }
        skipSpaces()
        return type
    }

    mutating func parseTupleBody() throws -> [ABIType] {
        depth += 1
        guard depth <= 64 else { throw fail("tuples nested too deeply") }
        defer { depth -= 1 }
        position += 1  // "("
        var elements: [ABIType] = []
        skipSpaces()
        if position < utf8.count, utf8[position] == 0x29 {
            position += 1
            return elements
        }
        while true {
            elements.append(try parseType())
            guard position < utf8.count else { throw fail("missing ')'") }
            if utf8[position] == 0x2C {
                position += 1
            } else if utf8[position] == 0x29 {
                position += 1
                return elements
            } else {
                throw fail("expected ',' or ')'")
            }
        }
    }

    func isNameCharacter(_ character: UInt8) -> Bool {
        (0x61...0x7A).contains(character) || (0x30...0x39).contains(character)
    }

    func elementary(_ name: String) throws -> ABIType {
        switch name {
        case "address": return .address
        case "bool": return .bool
        case "string": return .string
        case "bytes": return .bytes
        case "uint": return .uint(256)
        case "int": return .int(256)
        default: break
        }
        for (prefix, make) in [("uint", ABIType.uint), ("int", ABIType.int)] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count)
            guard let bits = Int(digits), digits.first != "0", bits >= 8, bits <= 256, bits % 8 == 0 else {
                throw fail("'\(name)' is not a valid integer type (\(prefix)8 … \(prefix)256 in steps of 8)")
            }
            return make(bits)
        }
        if name.hasPrefix("bytes") {
            let digits = name.dropFirst(5)
            guard let count = Int(digits), digits.first != "0", count >= 1, count <= 32 else {
                throw fail("'\(name)' is not a valid bytesN type (bytes1 … bytes32)")
            }
            return .fixedBytes(count)
        }
        throw fail(name.isEmpty ? "expected a type" : "unknown type '\(name)'")
    }
}
