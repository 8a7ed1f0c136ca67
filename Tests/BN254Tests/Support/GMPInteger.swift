import BN254
import CGMP
import Glibc

/// A GMP integer, the independent oracle for field arithmetic: every result our Montgomery code
/// produces is recomputed here with GMP's schoolbook big-integer routines.
final class GMPInteger: @unchecked Sendable {
    private var value = mpz_t()

    init(_ integer: UInt256) {
        cgmp_init(&value)
        let bytes = integer.bigEndianBytes
        cgmp_import_be(&value, bytes, bytes.count)
    }

    init(decimal: String) {
        cgmp_init(&value)
        _ = cgmp_set_str(&value, decimal, 10)
    }

    private init() {
        cgmp_init(&value)
    }

    deinit {
        cgmp_clear(&value)
    }

    /// The value as a UInt256 (the value must be in [0, 2^256)).
    var uint256: UInt256 {
        var bytes = [UInt8](repeating: 0, count: 32)
        let status = cgmp_export_be(&bytes, 32, &value)
        precondition(status == 0, "GMP value does not fit in 256 bits")
        return try! UInt256(bigEndianBytes: bytes)
    }

    var decimal: String {
        let pointer = cgmp_get_str(nil, 10, &value)!
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func binary(
        _ a: GMPInteger, _ b: GMPInteger, _ operation: (mpz_ptr, mpz_srcptr, mpz_srcptr) -> Void
    ) -> GMPInteger {
        let result = GMPInteger()
        operation(&result.value, &a.value, &b.value)
        return result
    }

    func adding(_ other: GMPInteger, modulo m: GMPInteger) -> GMPInteger {
        Self.binary(Self.binary(self, other, cgmp_add), m, cgmp_mod)
    }

    func subtracting(_ other: GMPInteger, modulo m: GMPInteger) -> GMPInteger {
        Self.binary(Self.binary(self, other, cgmp_sub), m, cgmp_mod)
    }

    func multiplying(_ other: GMPInteger, modulo m: GMPInteger) -> GMPInteger {
        Self.binary(Self.binary(self, other, cgmp_mul), m, cgmp_mod)
    }

    func power(_ exponent: GMPInteger, modulo m: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        cgmp_powm(&result.value, &value, &exponent.value, &m.value)
        return result
    }

    func inverse(modulo m: GMPInteger) -> GMPInteger? {
        let result = GMPInteger()
        return cgmp_invert(&result.value, &value, &m.value) != 0 ? result : nil
    }

    func legendre(_ prime: GMPInteger) -> Int {
        Int(cgmp_legendre(&value, &prime.value))
    }
}
