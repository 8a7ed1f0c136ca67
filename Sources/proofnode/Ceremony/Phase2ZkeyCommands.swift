import ArgumentParser
import Ceremony
import Commitment
import Foundation
import Groth16

/// `proofnode ceremony phase2 export-zkey IN.p2 OUT.zkey`.
struct Phase2ExportZkeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-zkey",
        abstract: "Write a phase-2 transcript as a snarkjs Groth16 .zkey (key, H in snarkjs's basis, contributions).")

    @Argument(help: "The phase-2 transcript.") var input: String
    @Argument(help: "The .zkey file to write.") var output: String
    @Option(name: .long, help: "The final phase-1 .ptau file: verify the transcript fully before exporting.")
    var phase1: String?
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
        let system = try circuit.system()
        let transcript = try Phase2Support.checkedInput(input, phase1: phase1, system: system)
        let bytes: [UInt8]
        do {
            CeremonyFiles.note("converting H to snarkjs's odd-point basis")
            bytes = try SnarkjsZkey.encode(transcript, system: system)
        } catch {
            throw CommandFailure(error.description)
        }
        try CeremonyFiles.write(bytes, to: output)
        print("wrote \(output) (\(transcript.contributions.count) contributions); circuit hash:")
        print("    \(CeremonyFiles.formatted(transcript.circuitHash))")
    }
}

/// `proofnode ceremony phase2 import-zkey IN.zkey OUT.p2 --phase1 P.ptau`.
struct Phase2ImportZkeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-zkey",
        abstract:
            "Read a snarkjs Groth16 .zkey, verify it fully against the circuit and phase 1, and write a phase-2 transcript."
    )

    @Argument(help: "The .zkey file (snarkjs zkey new/contribute/beacon output).") var input: String
    @Argument(help: "The phase-2 transcript to write.") var output: String
    @Option(name: .long, help: "The final phase-1 .ptau file the key was built from.") var phase1: String
    @OptionGroup var circuit: CircuitOptions

    func run() throws {
        let system = try circuit.system()
        let (prepared, _) = try Phase2Support.prepared(phase1: phase1, system: system)
        let transcript: Phase2Transcript
        let report: Phase2Verifier.Report
        do {
            transcript = try SnarkjsZkey.decode(
                try CeremonyFiles.read(input), fileName: input, system: system, phase1Hash: prepared.phase1Hash)
            report = try Phase2Verifier.verify(
                transcript, system: system, prepared: prepared, requireContribution: false,
                progress: CeremonyFiles.note)
        } catch let error as CeremonyError {
            throw CommandFailure("\(input): \(error.description)")
        }
        try CeremonyFiles.write(transcript.encoded, to: output)
        if report.contributionHashes.isEmpty {
            print("\(input) verified: no contributions yet (δ = 1); contribute before finalizing")
        } else {
            Phase2Support.print(report)
        }
        print("wrote \(output)")
    }
}
