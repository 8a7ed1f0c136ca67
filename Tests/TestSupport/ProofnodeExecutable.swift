import Foundation

/// The `proofnode` binary that tests run as a child process: `$PROOFNODE_BIN`, or the one
/// `swift build --build-tests` puts beside the test bundle.
package enum ProofnodeExecutable {
    /// Why no binary was found.
    package struct Missing: Error, CustomStringConvertible {
        /// Where it was looked for.
        package let searched: [String]
        package var description: String {
            "no proofnode binary at \(searched.joined(separator: ", ")); run `swift build --build-tests` first "
                + "or set PROOFNODE_BIN"
        }
    }

    /// The binary's location.
    package static func url() throws(Missing) -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["PROOFNODE_BIN"] {
            candidates.append(URL(fileURLWithPath: path))
        }
        let main = Bundle.main.bundleURL
        candidates += [
            main.appendingPathComponent("proofnode"),
            main.deletingLastPathComponent().appendingPathComponent("proofnode"),
        ]
        guard let url = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing(searched: candidates.map(\.path))
        }
        return url
    }
}
