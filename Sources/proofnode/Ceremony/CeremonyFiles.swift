import Ceremony
import Foundation

/// File handling and output shared by the ceremony commands.
enum CeremonyFiles {
    /// Prints a progress line on standard error.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data("ceremony: \(line)\n".utf8))
    }

    /// Reads a whole file.
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(path)")
        }
        return Array(data)
    }

    /// Writes `bytes` to `path` through a temporary file in the same directory, fsync and rename; refuses
    /// to replace an existing file unless `force`.
    static func write(_ bytes: [UInt8], to path: String, force: Bool = false) throws {
        if !force && FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path) exists; choose another output file (or pass --force)")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CommandFailure("cannot create \(temporary.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Lower-case hex.
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// A BLAKE2b-512 hash in snarkjs's display form (four groups of 16 bytes per line).
    static func formatted(_ hash: [UInt8]) -> String {
        stride(from: 0, to: hash.count, by: 16).map { row in
            stride(from: row, to: min(row + 16, hash.count), by: 4).map {
                hex(Array(hash[$0..<min($0 + 4, hash.count)]))
            }
            .joined(separator: " ")
        }.joined(separator: "\n    ")
    }

    /// Reads and decodes a `.ptau` file.
    static func readPtau(_ path: String) throws -> PowersOfTau {
        let bytes = try read(path)
        do {
            return try PowersOfTau(ptau: bytes, fileName: path)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Reads, decodes and fully verifies a `.ptau` file.
    static func verifiedPtau(_ path: String) throws -> (PowersOfTau, Phase1Verifier.Report) {
        let transcript = try readPtau(path)
        let count = transcript.contributions.count
        note("verifying \(path) (power \(transcript.power), \(count) contribution\(count == 1 ? "" : "s"))")
        do {
            let report = try Phase1Verifier.verify(transcript, progress: note)
            return (transcript, report)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Reads and decodes a phase-2 transcript.
    static func readPhase2(_ path: String) throws -> Phase2Transcript {
        do {
            return try Phase2Transcript(encoded: try read(path), fileName: path)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        }
    }

    /// A beacon value given in hex.
    static func beaconBytes(_ text: String) throws -> [UInt8] {
        let digits = Array((text.hasPrefix("0x") ? String(text.dropFirst(2)) : text).utf8)
        guard !digits.isEmpty, digits.count % 2 == 0, digits.count <= 510 else {
            throw CommandFailure("the beacon must be 1…255 bytes of hex (e.g. a block hash)")
        }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw CommandFailure("the beacon is not hex")
            }
            return byte
        }
    }
}
