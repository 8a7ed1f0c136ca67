import Foundation

/// Where a model hash comes from: the model file's bytes, or a declared model id when no file is
/// configured.
public enum ModelSource: Sendable, Hashable {
    /// SHA-256 of the file's bytes.
    case file(path: String)
    /// SHA-256 of the id's UTF-8 bytes.
    case declared(id: String)
}

/// Computes `modelHash`, streaming model files in 1 MiB chunks (never the whole file in memory) and
/// caching each file's digest by path, size and modification time, so a multi-gigabyte model is hashed
/// once per change. Thread-safe.
public final class ModelHasher: @unchecked Sendable {
    private struct Stamp: Hashable {
        var size: UInt64
        var modified: Double
    }

    /// The default chunk size for streaming (1 MiB).
    public static let defaultChunkSize = 1 << 20
    /// The chunk size this hasher reads with.
    public let chunkSize: Int
    private let lock = NSLock()
    private var cache: [String: (stamp: Stamp, digest: Digest256)] = [:]
    private var filesHashed = 0

    /// An empty hasher reading `chunkSize` bytes at a time.
    public init(chunkSize: Int = ModelHasher.defaultChunkSize) { self.chunkSize = max(1, chunkSize) }

    /// How many times a file was actually read (cache misses), for tests and diagnostics.
    public var fileReads: Int {
        lock.lock()
        defer { lock.unlock() }
        return filesHashed
    }

    /// The model hash for `source`.
    /// - Throws: ``ProofSystemError`` `.modelFileUnreadable` when the file cannot be read.
    public func modelHash(for source: ModelSource) throws(ProofSystemError) -> Digest256 {
        switch source {
        case .declared(let id): return .sha256(utf8: id)
        case .file(let path): return try hashFile(at: path)
        }
    }

    /// SHA-256 of the file at `path`, from the cache when its size and modification time are unchanged.
    /// - Throws: ``ProofSystemError`` `.modelFileUnreadable`.
    public func hashFile(at path: String) throws(ProofSystemError) -> Digest256 {
        let stamp = try Self.stamp(of: path)
        lock.lock()
        if let entry = cache[path], entry.stamp == stamp {
            lock.unlock()
            return entry.digest
        }
        lock.unlock()
        let digest = try Self.streamHash(path, chunkSize: chunkSize)
        lock.lock()
        cache[path] = (stamp, digest)
        filesHashed += 1
        lock.unlock()
        return digest
    }

    private static func stamp(of path: String) throws(ProofSystemError) -> Stamp {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return Stamp(size: size, modified: modified)
        } catch {
            throw ProofSystemError(
                .modelFileUnreadable,
                "the model file \(path) cannot be read (\(error.localizedDescription)); check MODEL_PATH", file: path)
        }
    }

    private static func streamHash(_ path: String, chunkSize: Int) throws(ProofSystemError) -> Digest256 {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            var hasher = StreamingSHA256()
            // On a read error the handle is closed when it is released.
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty { hasher.update(chunk) }
            try handle.close()
            return hasher.finalize()
        } catch {
            throw ProofSystemError(
                .modelFileUnreadable,
                "the model file \(path) could not be read to the end (\(error.localizedDescription))", file: path)
        }
    }
}
