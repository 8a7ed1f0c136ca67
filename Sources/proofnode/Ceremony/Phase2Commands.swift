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
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
        let transcript = try Phase2Support.initialTranscript(phase1: phase1, system: try circuit.system())
        try CeremonyFiles.write(transcript.encoded, to: output)
        print("wrote \(output); circuit hash (snarkjs's, of the initial key):")
        print("    \(CeremonyFiles.formatted(transcript.circuitHash))")
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
    @Option(
        name: .long,
        help: "The final phase-1 .ptau file: check the input against the circuit and phase 1 too (recommended).")
    var phase1: String?
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
        var transcript = try Phase2Support.checkedInput(input, phase1: phase1, system: try circuit.system())
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
    @Option(name: .long, help: "The final phase-1 .ptau file: check the input against the circuit and phase 1 too.")
    var phase1: String?
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
        var transcript = try Phase2Support.checkedInput(input, phase1: phase1, system: try circuit.system())
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
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
        let report = try Phase2Support.verify(input, phase1: phase1, system: try circuit.system())
        Phase2Support.print(report.1)
    }
}

/// `proofnode ceremony phase2 finalize FILE.p2 --phase1 P.ptau --keys DIR`.
struct Phase2FinalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finalize",
        abstract:
            "Verify, then write commitment.pk/.vk, verification_key.json, commitment.zkey and the transcript summary.")

    @Argument(help: "The final phase-2 transcript.") var input: String
    @Option(name: .long, help: "The final phase-1 .ptau file.") var phase1: String
    @Option(name: .long, help: "The keys directory.") var keys: String = "keys"
    @Flag(name: .long, help: "Overwrite existing key files.") var force = false

    func run() throws {
        let (transcript, report, phase1Report) = try Phase2Support.verify(
            input, phase1: phase1, system: CheckpointCircuit.shared.system)
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
        let zkeyPath = URL(fileURLWithPath: keys).appendingPathComponent("commitment.zkey").path
        do {
            let zkey = try SnarkjsZkey.encode(transcript, system: CheckpointCircuit.shared.system)
            try CeremonyFiles.write(zkey, to: zkeyPath, force: true)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        }
        Phase2Support.print(report)
        print("wrote keys into \(keys); verifying key fingerprint: \(fingerprint)")
        print("transcript summary: \(summaryPath); snarkjs key with its transcript: \(zkeyPath)")
    }
}

/// Shared phase-2 steps.
enum Phase2Support {
    /// The verified phase 1 in Lagrange form for the checkpoint circuit's domain.
    static func prepared(phase1: String, system: R1CS) throws -> (PreparedPhase1, Phase1Verifier.Report) {
        let (transcript, report) = try CeremonyFiles.verifiedPtau(phase1)
        if !report.endsWithBeacon { CeremonyFiles.note("warning: phase 1 does not end with a beacon") }
        do {
            let qap = try QuadraticArithmeticProgram(system)
            let prepared = try PreparedPhase1(transcript, logSize: qap.domain.logSize, progress: CeremonyFiles.note)
            return (prepared, report)
        } catch let error as CeremonyError {
            throw CommandFailure("\(phase1): \(error.description)")
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    static func initialTranscript(phase1: String, system: R1CS) throws -> Phase2Transcript {
        let (prepared, _) = try prepared(phase1: phase1, system: system)
        do {
            return try Phase2Transcript(system: system, prepared: prepared, progress: CeremonyFiles.note)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Verifies `path` fully (circuit, phase 1 and every contribution).
    static func verify(
        _ path: String, phase1: String, system: R1CS, requireContribution: Bool = true
    ) throws -> (
        Phase2Transcript, Phase2Verifier.Report, Phase1Verifier.Report
    ) {
        let transcript = try CeremonyFiles.readPhase2(path)
        let report = try verify(
            transcript, named: path, phase1: phase1, system: system, requireContribution: requireContribution)
        return (transcript, report.0, report.1)
    }

    static func verify(
        _ transcript: Phase2Transcript, named path: String, phase1: String, system: R1CS, requireContribution: Bool
    ) throws -> (Phase2Verifier.Report, Phase1Verifier.Report) {
        let (prepared, phase1Report) = try prepared(phase1: phase1, system: system)
        do {
            let report = try Phase2Verifier.verify(
                transcript, system: system, prepared: prepared,
                requireContribution: requireContribution, progress: CeremonyFiles.note)
            return (report, phase1Report)
        } catch {
            throw CommandFailure("\(path): \(error.description)")
        }
    }

    /// Reads the input of a contribution and refuses it unless it verifies: against the circuit and
    /// phase 1 when `phase1` is given, otherwise its own chain of contributions.
    static func checkedInput(_ path: String, phase1: String?, system: R1CS) throws -> Phase2Transcript {
        let transcript = try CeremonyFiles.readPhase2(path)
        if let phase1 {
            _ = try verify(transcript, named: path, phase1: phase1, system: system, requireContribution: false)
            CeremonyFiles.note("\(path) verified against the circuit and \(phase1)")
        } else {
            do {
                _ = try Phase2Verifier.verifyChain(
                    transcript, requireContribution: false, progress: CeremonyFiles.note)
            } catch {
                throw CommandFailure("\(path): \(error.description)")
            }
            CeremonyFiles.note(
                "\(path): \(transcript.contributions.count) earlier contributions verified (pass --phase1 to also check the key against the circuit and phase 1)"
            )
        }
        return transcript
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

/// `--r1cs FILE`: run phase 2 for a circom circuit instead of the built-in checkpoint circuit.
struct CircuitOptions: ParsableArguments {
    @Option(name: .long, help: "A circom .r1cs file (default: the built-in checkpoint circuit).") var r1cs: String?

    /// The circuit the command works on.
    func system() throws -> R1CS {
        guard let r1cs else { return CheckpointCircuit.shared.system }
        do {
            return try SnarkjsR1CS.decode(try CeremonyFiles.read(r1cs), fileName: r1cs)
        } catch let error as CeremonyError {
            throw CommandFailure(error.description)
        }
    }
}
