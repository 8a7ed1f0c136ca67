/// The constants that define one prime field in Montgomery form with four 64-bit limbs.
///
/// Conforming types implement every requirement as an inlinable computed property returning a
/// literal, so the constants fold into the arithmetic (a `static let` would cost a lazy-initialisation
/// check on every access). The modulus must be below 2^254: the "no-carry" Montgomery multiplication
/// relies on the top limb's two high bits being clear.
public protocol PrimeFieldParameters: Sendable {
    /// The prime modulus p.
    static var modulus: UInt256 { get }
    /// −p⁻¹ mod 2^64.
    static var montgomeryInverse: UInt64 { get }
    /// R = 2^256 mod p, the Montgomery form of one.
    static var montgomeryOne: UInt256 { get }
    /// R² mod p, used to convert into Montgomery form.
    static var montgomeryRSquared: UInt256 { get }
    /// A short name for messages ("Fq", "Fr").
    static var fieldName: String { get }
}
