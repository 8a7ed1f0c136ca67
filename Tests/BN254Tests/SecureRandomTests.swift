import BN254
import Testing

/// `SecureRandom`: the system CSPRNG with storage, so that `&generator` is a real address under the thread
/// sanitizer (swiftlang/swift#66099).
@Suite("SecureRandom")
struct SecureRandomTests {
    @Test("has storage: an empty generator's inout address is undefined and crashes TSan")
    func hasStorage() {
        #expect(MemoryLayout<SecureRandom>.size > 0)
        #expect(MemoryLayout<SystemRandomNumberGenerator>.size == 0)
    }

    @Test("draws distinct values and canonical field elements through inout use")
    func drawsFromTheSystem() {
        var generator = SecureRandom()
        let words = (0..<64).map { _ in generator.next() }
        // 64 draws of 64 bits from a working CSPRNG collide with probability below 2^-52.
        #expect(Set(words).count == words.count)
        let elements = (0..<16).map { _ in Fr.random(using: &generator) }
        #expect(elements.allSatisfy { $0.canonical < Fr.modulus })
        #expect(Set(elements.map(\.canonical.bigEndianBytes)).count == elements.count)
    }
}
