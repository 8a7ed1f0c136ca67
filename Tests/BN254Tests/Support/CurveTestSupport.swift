import BN254
import Foundation
import TestSupport

/// Helpers for the curve tests: deterministic randomness, hex, vector files, and sample points.
enum CurveTestSupport {
    typealias Generator = SplitMix64

    /// Bytes from hexadecimal text (no prefix); test input is trusted.
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            default: return c - 55
            }
        }
        var index = 0
        while index + 1 < digits.count {
            out.append(nibble(digits[index]) << 4 | nibble(digits[index + 1]))
            index += 2
        }
        return out
    }

    /// Lower-case hexadecimal of bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Decodes a JSON vector file from the test bundle's Vectors folder.
    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// A random multiple of the generator.
    static func randomPoint<A: AffineCurvePoint>(_: A.Type, using generator: inout Generator) -> JacobianPoint<A> {
        JacobianPoint<A>.generator.multiplied(by: Fr.random(using: &generator))
    }

    /// A point on the twist E'(Fq2) built by trying random x until x³ + b' is a square, with no
    /// cofactor clearing: it lies outside G2 except with probability about 2^−254.
    static func twistPointOutsideSubgroup(using generator: inout Generator) -> G2Affine {
        while true {
            let x = Fq2(Fq.random(using: &generator), Fq.random(using: &generator))
            if let y = (x.squared() * x + G2Affine.twistB).squareRoot() {
                return G2Affine(x: x, y: y)
            }
        }
    }
}
