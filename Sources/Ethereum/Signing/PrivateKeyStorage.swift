/// Private key bytes in memory the module owns: never printed, zeroed when released.
///
/// `@unchecked Sendable`: the buffer is written once in `init`, only read afterwards, and zeroed
/// in `deinit` when no other reference exists.
final class PrivateKeyStorage: @unchecked Sendable, CustomStringConvertible {
    private let buffer: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        buffer.copyBytes(from: bytes)
    }

    deinit {
        for index in buffer.indices { buffer[index] = 0 }
        buffer.deallocate()
    }

    /// Calls `body` with the 32 key bytes.
    func withBytes<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try body(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    var description: String { "<private key redacted>" }
}
