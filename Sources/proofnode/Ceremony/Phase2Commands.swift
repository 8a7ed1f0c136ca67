import ArgumentParser
import Ceremony
import Commitment
import Foundation
import Groth16

/// `proofnode ceremony phase2 new --phase1 P.ptau OUT.p2`.
struct Phase2NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Build the checkpoint circuit's initial key (δ = γ = 1) from a verified phase 1.")

    @Option(name: .long, help: "The final (optionally prepared) phase-1 .ptau file.") var phase1: String
    @Argument(help: "The phase-2 transcript to write.") var output: String

    func run() throws {
        let (prepared, initial) = try Phase2Support.initialKey(phase1: phase1)
        let transcript = Phase2Transcript(initialKey: initial, phase1Hash: prepared.phase1Hash)
        try CeremonyFiles.write(transcript.encoded, to: output)
        print("circuit hash:\n    \(CeremonyFiles.formatted(transcript.circuitHash))")
    }
}

/// `proofnode ceremony phase2 contribute IN.p2 OUT.p2`.
struct Phase2ContributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contribute",
        abstract: "Add a secret contribution to δ (OS randomness, never written) and print its hash.")

    @Argument(help: "The previous phase-2 transcript.") var input: String
    @Argument(help: "The phase-2 transcript to write.") var output: String
    @Option(name: .long, help: "Your name, recorded in the transcript.") var name: String?

    func run() throws {
        var transcript = try CeremonyFiles.readPhase2(input)
        let hash = Phase2Contributor.contribute(to: &transcript, name: name, progress: CeremonyFiles.note)
        try CeremonyFiles.write(transcript.encoded, to: output)
        print(
            "contribution \(transcript.contributions.count) hash (write it down):\n    \(CeremonyFiles.formatted(hash))"
        )
    }
}

/// `proofnode ceremony phase2 beacon IN.p2 OUT.p2 --beacon HEX --iterations E`.
struct Phase2BeaconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "beacon", abstract: "Add the final contribution derived from a public beacon value.")

    @Argument(help: "The previous phase-2 transcript.") var input: String
    @Argument(help: "The phase-2 transcript to write.") var output: String
    @Option(name: .long, help: "The beacon value in hex.") var beacon: String
    @Option(name: .long, help: "SHA-256 is iterated 2^E times over the beacon.") var iterations: Int = 10
    @Option(name: .long, help: "A name recorded in the transcript.") var name: String = "beacon"

    func run() throws {
        var transcript = try CeremonyFiles.readPhase2(input)
        let hash: [UInt8]
        do {
            hash = try Phase2Contributor.beacon(
                to: &transcript, beaconHash: try CeremonyFiles.beaconBytes(beacon), iterationsExponent: iterations,
                name: name, progress: CeremonyFiles.note)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        }
        try CeremonyFiles.write(transcript.encoded, to: output)
        print("beacon contribution hash:\n    \(CeremonyFiles.formatted(hash))")
    }
}

/// `proofnode ceremony phase2 verify FILE.p2 --phase1 P.ptau`.
struct Phase2VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Rebuild the key from the circuit and the verified phase 1 and check every contribution.")

    @Argument(help: "The phase-2 transcript.") var input: String
    @Option(name: .long, help: "The final phase-1 .ptau file.") var phase1: String

    func run() throws {
        let report = try Phase2Support.verify(input, phase1: phase1)
        Phase2Support.print(report.1)
    }
}

/// `proofnode ceremony phase2 finalize FILE.p2 --phase1 P.ptau --keys DIR`.
struct Phase2FinalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize",
        abstract: "Verify, then write commitment.pk, commitment.vk, verification_key.json and the transcript summary.")

    @Argument(help: "The final phase-2 transcript.") var input: String
    @Option(name: .long, help: "The final phase-1 .ptau file.") var phase1: String
    @Option(name: .long, help: "The keys directory.") var keys: String = "keys"
    @Flag(name: .long, help: "Overwrite existing key files.") var force = false

    func run() throws {
        let (transcript, report, phase1Report) = try Phase2Support.verify(input, phase1: phase1)
        if !report.endsWithBeacon { CeremonyFiles.note("warning: the phase-2 transcript does not end with a beacon") }
        let fingerprint: String
        do {
            fingerprint = try KeySetup.write(transcript.key, into: keys, force: force)
        } catch {
            throw CommandFailure(error.description)
        }
        let summary = CeremonySummary(
            transcript: transcript, phase1: phase1Report, verifyingKeyFingerprint: fingerprint)
        let summaryPath = URL(fileURLWithPath: keys).appendingPathComponent(CeremonySummary.fileName).path
        try CeremonyFiles.write(try summary.json(), to: summaryPath, force: true)
        Phase2Support.print(report)
        print("wrote keys into \(keys); verifying key fingerprint: \(fingerprint)")
        print("transcript summary: \(summaryPath)")
    }
}

/// Shared phase-2 steps.
enum Phase2Support {
    static func initialKey(phase1: String) throws -> (PreparedPhase1, ProvingKey) {
        let (transcript, report) = try CeremonyFiles.verifiedPtau(phase1)
        if !report.endsWithBeacon { CeremonyFiles.note("warning: phase 1 does not end with a beacon") }
        let system = CheckpointCircuit.shared.system
        do {
            let qap = try QuadraticArithmeticProgram(system)
            let prepared = try PreparedPhase1(transcript, logSize: qap.domain.logSize, progress: CeremonyFiles.note)
            let key = try Phase2KeyBuilder.initialKey(for: system, prepared: prepared, progress: CeremonyFiles.note)
            return (prepared, key)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    static func verify(
        _ path: String, phase1: String
    ) throws -> (
        Phase2Transcript, Phase2Verifier.Report, Phase1Verifier.Report
    ) {
        let transcript = try CeremonyFiles.readPhase2(path)
        let (phase1Transcript, phase1Report) = try CeremonyFiles.verifiedPtau(phase1)
        let system = CheckpointCircuit.shared.system
        do {
            let qap = try QuadraticArithmeticProgram(system)
            let prepared = try PreparedPhase1(
                phase1Transcript, logSize: qap.domain.logSize, progress: CeremonyFiles.note)
            let report = try Phase2Verifier.verify(
                transcript, system: system, prepared: prepared, progress: CeremonyFiles.note)
            return (transcript, report, phase1Report)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    static func print(_ report: Phase2Verifier.Report) {
        Swift.print(
            "phase 2 verified: \(report.contributionHashes.count) contributions"
                + (report.endsWithBeacon ? ", ending with a beacon" : ""))
        for (index, hash) in report.contributionHashes.enumerated() {
            Swift.print("contribution \(index + 1) hash:\n    \(CeremonyFiles.formatted(hash))")
        }
    }
}
