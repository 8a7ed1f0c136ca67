import ArgumentParser
import Ceremony
import Foundation

/// `proofnode ceremony phase1 new --power K OUT.ptau`.
struct Phase1NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Start a powers-of-tau transcript of size 2^K (every element the generator).")

    @Option(name: .long, help: "log₂ of the number of powers (the checkpoint circuit needs 11).")
    var power: Int

    @Argument(help: "The .ptau file to write.")
    var output: String

    func run() throws {
        let transcript: PowersOfTau
        do {
            transcript = try PowersOfTau(power: power)
        } catch {
            throw CommandFailure(error.description)
        }
        try CeremonyFiles.write(transcript.ptauBytes(), to: output)
        print("first challenge hash:\n    \(CeremonyFiles.formatted(try transcript.currentChallenge()))")
    }
}

/// `proofnode ceremony phase1 contribute IN.ptau OUT.ptau`.
struct Phase1ContributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribute",
        abstract:
            "Verify the transcript, add a secret contribution (OS randomness, never written) and write the next file.")

    @Argument(help: "The previous .ptau file.") var input: String
    @Argument(help: "The .ptau file to write.") var output: String
    @Option(name: .long, help: "Your name, recorded in the transcript (at most 64 bytes).") var name: String?

    func run() throws {
        var (transcript, _) = try CeremonyFiles.verifiedPtauAllowingEmpty(input)
        let response: [UInt8]
        do {
            response = try Phase1Contributor.contribute(to: &transcript, name: name, progress: CeremonyFiles.note)
        } catch {
            throw CommandFailure(error.description)
        }
        try CeremonyFiles.write(transcript.ptauBytes(), to: output)
        print("contribution \(transcript.contributions.count) response hash (write it down):")
        print("    \(CeremonyFiles.formatted(response))")
    }
}

/// `proofnode ceremony phase1 beacon IN.ptau OUT.ptau --beacon HEX --iterations E`.
struct Phase1BeaconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "beacon",
        abstract: "Add the final contribution derived from a public, pre-announced beacon value (snarkjs-compatible).")

    @Argument(help: "The previous .ptau file.") var input: String
    @Argument(help: "The .ptau file to write.") var output: String
    @Option(name: .long, help: "The beacon value in hex (e.g. a future block hash announced in advance).") var beacon:
        String
    @Option(name: .long, help: "SHA-256 is iterated 2^E times over the beacon.") var iterations: Int = 10
    @Option(name: .long, help: "A name recorded in the transcript.") var name: String = "beacon"

    func run() throws {
        var (transcript, _) = try CeremonyFiles.verifiedPtauAllowingEmpty(input)
        let response: [UInt8]
        do {
            response = try Phase1Contributor.beacon(
                to: &transcript, beaconHash: try CeremonyFiles.beaconBytes(beacon), iterationsExponent: iterations,
                name: name, progress: CeremonyFiles.note)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        }
        try CeremonyFiles.write(transcript.ptauBytes(), to: output)
        print("beacon response hash:\n    \(CeremonyFiles.formatted(response))")
    }
}

/// `proofnode ceremony phase1 verify FILE.ptau`.
struct Phase1VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify a whole powers-of-tau transcript (ours or snarkjs's).")

    @Argument(help: "The .ptau file.") var input: String

    func run() throws {
        let (_, report) = try CeremonyFiles.verifiedPtau(input)
        Phase1Output.print(report)
    }
}

/// `proofnode ceremony phase1 prepare IN.ptau OUT.ptau`.
struct Phase1PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Verify, then add the Lagrange form of the powers (sections 12–15) for phase 2.")

    @Argument(help: "The verified, final .ptau file.") var input: String
    @Argument(help: "The prepared .ptau file to write.") var output: String

    func run() throws {
        let (transcript, report) = try CeremonyFiles.verifiedPtau(input)
        if !report.endsWithBeacon { CeremonyFiles.note("warning: the transcript does not end with a beacon") }
        let sections: [(UInt32, [UInt8])]
        do {
            sections = try PreparedPhase1.snarkjsSections(transcript, progress: CeremonyFiles.note)
        } catch {
            throw CommandFailure(error.description)
        }
        try CeremonyFiles.write(transcript.ptauBytes(extraSections: sections), to: output)
        print("prepared \(output); phase-1 hash:\n    \(CeremonyFiles.formatted(report.finalHash))")
    }
}

/// `proofnode ceremony phase1 import FILE.ptau [--expect-blake2b HEX] OUT.ptau`.
struct Phase1ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify a snarkjs .ptau (e.g. Hermez, Perpetual Powers of Tau) and write it for phase 2.",
        discussion: """
            The file's BLAKE2b-512 can be pinned with --expect-blake2b (the hashes published in the snarkjs \
            README for powersOfTau28_hez_final_XX.ptau); the whole transcript is then verified.
            """)

    @Argument(help: "The snarkjs .ptau file.") var input: String
    @Argument(help: "Where to write the verified transcript.") var output: String
    @Option(name: .long, help: "The pinned BLAKE2b-512 of the file, in hex.") var expectBlake2b: String?

    func run() throws {
        let bytes = try CeremonyFiles.read(input)
        let fileHash = CeremonyFiles.hex(BLAKE2b.hash(bytes))
        CeremonyFiles.note("file BLAKE2b-512: \(fileHash)")
        if let expected = expectBlake2b?.lowercased().replacingOccurrences(of: " ", with: ""), expected != fileHash {
            throw CommandFailure("\(input): BLAKE2b-512 is \(fileHash), not the pinned \(expected)")
        }
        let (transcript, report) = try CeremonyFiles.verifiedPtau(input)
        try CeremonyFiles.write(transcript.ptauBytes(), to: output)
        Phase1Output.print(report)
    }
}

/// Prints a phase-1 verification report.
enum Phase1Output {
    static func print(_ report: Phase1Verifier.Report) {
        Swift.print(
            "phase 1 verified: \(report.contributionCount) contributions\(report.endsWithBeacon ? ", ending with a beacon" : "")"
        )
        for (index, hash) in report.responseHashes.enumerated() {
            Swift.print("contribution \(index + 1) response hash:\n    \(CeremonyFiles.formatted(hash))")
        }
        Swift.print("final challenge (phase-1) hash:\n    \(CeremonyFiles.formatted(report.finalHash))")
    }
}

extension CeremonyFiles {
    /// Reads a `.ptau` and verifies it, accepting a fresh transcript (no contributions yet).
    static func verifiedPtauAllowingEmpty(_ path: String) throws -> (PowersOfTau, Phase1Verifier.Report) {
        let transcript = try readPtau(path)
        note("verifying \(path) (power \(transcript.power), \(transcript.contributions.count) contributions)")
        do {
            return (transcript, try Phase1Verifier.verify(transcript, requireContribution: false, progress: note))
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
