import Foundation
import TestSupport
import Testing

/// `proofnode` run as a real child process (the binary `swift build --build-tests` puts beside the tests).
struct ChildProcess {
    struct Outcome {
        let status: Int32
        let output: String
        let error: String
    }

    /// `$PROOFNODE_BIN`, or the `proofnode` beside the test bundle.
    static func executable() throws -> URL {
        try ProofnodeExecutable.url()
    }

    /// Runs to completion.
    static func run(_ arguments: [String], environment: [String: String]) throws -> Outcome {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
            error: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the process, waits until its standard output contains `marker`, then sends SIGKILL.
    /// - Returns: The output read before the kill, and the termination reason.
    static func killAt(
        _ marker: String, _ arguments: [String], environment: [String: String]
    ) throws -> (output: String, uncaughtSignal: Bool) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains(marker) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // end of file: the process exited without reaching the marker
            text += String(decoding: chunk, as: UTF8.self)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (text, process.terminationReason == .uncaughtSignal)
    }
}
