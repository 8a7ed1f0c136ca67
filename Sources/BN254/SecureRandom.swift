/// The operating system's CSPRNG (`SystemRandomNumberGenerator`) as a generator that has storage.
///
/// Use it wherever a generator is passed `inout` (`Fr.random(using: &generator)`, the prover's blinding
/// scalars, key generation) instead of a local `SystemRandomNumberGenerator`. The numbers are the same —
/// every call goes to `SystemRandomNumberGenerator.next()` — only the value's memory layout differs.
///
/// Why it exists: `SystemRandomNumberGenerator` is an empty struct, and Swift gives an empty value no
/// address: passing `&generator` passes an *undefined* pointer (LLVM `undef`, whatever the register holds),
/// which is harmless because nothing ever reads through it. Under `-sanitize=thread`, though, the compiler
/// reports every `inout` access to the sanitizer (`__tsan_external_write(address, …)`), and the runtime
/// maps that garbage address to shadow memory and crashes with a SEGV in `__tsan::ExternalAccess` —
/// in optimised and unoptimised builds alike (swiftlang/swift#66099, swiftlang/swift#61244; still so in
/// Swift 6.3.1). One stored byte gives the value a real stack address, so `scripts/tsan.sh` can run.
public struct SecureRandom: RandomNumberGenerator, Sendable {
    private var system = SystemRandomNumberGenerator()
    /// Never read: it only makes the struct non-empty, so that `&generator` is a real address (see above).
    private var addressable: UInt8 = 0

    /// A generator drawing from the operating system's CSPRNG.
    public init() {}

    /// The next 64 random bits from the operating system's CSPRNG.
    public mutating func next() -> UInt64 {
        system.next()
    }
}
