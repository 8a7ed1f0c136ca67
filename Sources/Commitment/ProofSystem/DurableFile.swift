import Glibc

/// Whole-file writes that are durable and atomic: the bytes go to a temporary file in the target's own
/// directory, are flushed to disk (`fsync`), and then replace the target with `rename(2)`, whose
/// directory entry is flushed too. A reader sees the old file or the new one, never half of one, and a
/// crash after `write` returns cannot lose the new content.
///
/// Foundation's `Data.write(options: .atomic)` is avoided on purpose: on Linux it stages the file in
/// a `TemporaryDirectory.*` folder that it may leave behind, and it does not `fsync`.
public enum DurableFile {
    /// Writes `bytes` to `path` atomically and durably, creating the file with `permissions` (e.g.
    /// `0o600` for secrets: the file is never readable by others, not even briefly).
    /// - Throws: ``ProofSystemError`` `.fileWrite` naming the path and the system error.
    public static func write(_ bytes: [UInt8], to path: String, permissions: UInt16 = 0o644) throws(ProofSystemError) {
        let directory = parentDirectory(of: path)
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        guard descriptor >= 0 else { throw failure("create \(temporary)", path: path) }
        let writeError: ProofSystemError? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var written = 0
            while written < buffer.count {
                let count = Glibc.write(descriptor, base + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return failure("write", path: path) }
                written += count
            }
            return nil
        }
        if let writeError {
            close(descriptor)
            unlink(temporary)
            throw writeError
        }
        // fchmod: the creation mode is masked by the umask; the caller asked for exactly these bits.
        guard fchmod(descriptor, mode_t(permissions)) == 0, fsync(descriptor) == 0 else {
            let error = failure("flush", path: path)
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure("rename into place", path: path)
            unlink(temporary)
            throw error
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)  // best effort: some file systems refuse fsync on directories
            close(directoryDescriptor)
        }
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    private static func failure(_ step: String, path: String) -> ProofSystemError {
        let reason = String(cString: strerror(errno))
        return ProofSystemError(
            .fileWrite,
            "could not \(step) while writing \(path): \(reason); check that the directory exists and is writable",
            file: path)
    }
}
