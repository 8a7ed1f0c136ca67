import Ethereum
import TestSupport
import Testing

@Suite("ABI: round trips on generated types and values")
struct ABIRoundTripTests {
    static func randomType(_ generator: inout SplitMix64, depth: Int = 0) -> ABIType {
        let roll = Int.random(in: 0..<100, using: &generator)
        if depth < 2 && roll < 10 {
            return .tuple(
                (0..<Int.random(in: 1...3, using: &generator)).map { _ in randomType(&generator, depth: depth + 1) })
        }
        if depth < 2 && roll < 20 { return .array(randomType(&generator, depth: depth + 1)) }
        if depth < 2 && roll < 28 {
            return .fixedArray(randomType(&generator, depth: depth + 1), Int.random(in: 1...3, using: &generator))
        }
        switch Int.random(in: 0..<7, using: &generator) {
        case 0: return .uint(8 * Int.random(in: 1...32, using: &generator))
        case 1: return .int(8 * Int.random(in: 1...32, using: &generator))
        case 2: return .address
        case 3: return .bool
        case 4: return .fixedBytes(Int.random(in: 1...32, using: &generator))
        case 5: return .bytes
        default: return .string
        }
    }

    static func randomBytes(_ count: Int, _ generator: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func randomValue(_ type: ABIType, _ generator: inout SplitMix64) throws -> ABIValue {
        switch type {
        case .uint(let bits):
            let bytes = randomBytes(bits / 8, &generator)
            return .uint(try U256(bigEndian: bytes))
        case .int(let bits):
            let pad: UInt8 = Bool.random(using: &generator) ? 0xFF : 0
            var bytes = [UInt8](repeating: pad, count: 32 - bits / 8) + randomBytes(bits / 8, &generator)
            bytes[32 - bits / 8] = pad == 0xFF ? bytes[32 - bits / 8] | 0x80 : bytes[32 - bits / 8] & 0x7F
            return .int(I256(bitPattern: try U256(bigEndian: bytes)))
        case .address: return .address(try EthereumAddress(bytes: randomBytes(20, &generator)))
        case .bool: return .bool(Bool.random(using: &generator))
        case .fixedBytes(let count): return .fixedBytes(randomBytes(count, &generator))
        case .bytes:
            return .bytes(randomBytes([0, 1, 31, 32, 33, 90].randomElement(using: &generator) ?? 0, &generator))
        case .string:
            let pieces = ["a", "Z", "é", "漢", "🙂", "\n", "\""]
            return .string(
                (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? ""
                }.joined())
        case .array(let element):
            return .array(
                try (0..<Int.random(in: 0...3, using: &generator)).map { _ in try randomValue(element, &generator) })
        case .fixedArray(let element, let count):
            return .array(try (0..<count).map { _ in try randomValue(element, &generator) })
        case .tuple(let elements):
            return .tuple(try elements.map { try randomValue($0, &generator) })
        }
    }

    @Test("encode → decode is the identity; JSON → value → JSON too; the type string re-parses")
    func roundTrips() throws {
        var generator = SplitMix64(seed: 0xAB1)
        for _ in 0..<500 {
            let types = (0..<Int.random(in: 1...4, using: &generator)).map { _ in Self.randomType(&generator) }
            let values = try types.map { try Self.randomValue($0, &generator) }
            let encoded = try ABICodec.encode(values, as: types)
            #expect(encoded.count % 32 == 0)
            #expect(try ABICodec.decode(types, from: encoded) == values)
            let json = JSONValue.array(values.map(\.json))
            let reparsed = try ABIValue.values(json: try JSONValue(parsing: json.serialized), types: types)
            #expect(reparsed == values)
            let list = "(" + types.map(\.description).joined(separator: ",") + ")"
            #expect(try ABIType.parseList(list) == types)
        }
    }
}
