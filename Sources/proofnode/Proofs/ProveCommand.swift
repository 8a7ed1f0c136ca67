import ArgumentParser
import Commitment
import Foundation

/// `proofnode prove`: proves one checkpoint and prints the envelope as canonical JSON.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove one checkpoint; print the proof envelope (canonical JSON) on standard output.",
        discussion: """
            The statement comes from flags or from --statement FILE, a JSON object with job_id, host, \
            checkpoint_index, tokens_claimed, prompt, response and one of model_hash (64 hex), model_id or \
            model_path. The salt is drawn fresh; it is written (with the hashes) only to --opening-out, \
            which auditors need to check the commitment — keep that file secret.
            """
    )

    /// The statement file's shape.
    struct StatementFile: Codable {
        var jobId: UInt64
        var host: String
        var checkpointIndex: UInt64
        var tokensClaimed: UInt64
        var prompt: String
        var response: String
        var modelHash: String?
        var modelId: String?
        var modelPath: String?

        enum CodingKeys: String, CodingKey {
            case jobId = "job_id"
            case host
            case checkpointIndex = "checkpoint_index"
            case tokensClaimed = "tokens_claimed"
            case prompt, response
            case modelHash = "model_hash"
            case modelId = "model_id"
            case modelPath = "model_path"
        }
    }

    @OptionGroup var keyOptions: KeyOptions
    @Option(name: .long, help: "A JSON statement file (or - for standard input) instead of the flags below.")
    var statement: String?
    @Option(name: .long, help: "Job id.") var job: UInt64?
    @Option(name: .long, help: "Host address (0x + 40 hex digits).") var host: String?
    @Option(name: .long, help: "Checkpoint index.") var checkpoint: UInt64?
    @Option(name: .long, help: "Tokens claimed.") var tokens: UInt64?
    @Option(name: .long, help: "The prompt text.") var prompt: String?
    @Option(name: .long, help: "The response up to this checkpoint.") var response: String?
    @Option(name: .long, help: "Model hash (64 hex digits).") var modelHash: String?
    @Option(name: .long, help: "Declared model id (hashed when there is no model file).") var modelId: String?
    @Option(name: .long, help: "Model file (hashed, streamed).") var modelPath: String?
    @Option(name: .long, help: "Write the opening (hashes and salt, a secret) to this file.") var openingOut: String?

    func run() throws {
        let file = try loadStatement()
        let configuration = try keyOptions.configuration()
        do {
            let modelHash: Digest256
            if let hex = file.modelHash {
                modelHash = try Digest256(hex: hex)
            } else if let path = file.modelPath {
                modelHash = try ModelHasher().modelHash(for: .file(path: path))
            } else if let id = file.modelId {
                modelHash = try ModelHasher().modelHash(for: .declared(id: id))
            } else {
                throw CommandFailure("give a model: model_hash, model_id or model_path")
            }
            let result = InferenceResult(prompt: file.prompt, response: file.response, modelHash: modelHash)
            let opening = CheckpointOpening(
                modelHash: modelHash, inputHash: result.inputHash, outputHash: result.outputHash)
            let statement = CheckpointStatement(
                jobId: file.jobId, host: try HostAddress(hex: file.host), checkpointIndex: file.checkpointIndex,
                tokensClaimed: file.tokensClaimed, opening: opening)
            let envelope = try ProofGenerator(configuration: configuration).prove(statement)
            if let openingOut {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                try Self.writeSecret(encoder.encode(opening), to: openingOut)
            }
            print(envelope.canonicalJSONString)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// Writes a secret (the opening holds the salt) to a file created owner-only (0600), never
    /// readable by others even for an instant; an existing file is replaced.
    static func writeSecret(_ data: Data, to path: String) throws {
        do {
            try DurableFile.write([UInt8](data), to: path, permissions: 0o600)
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    private func loadStatement() throws -> StatementFile {
        if let statement {
            do {
                return try JSONDecoder().decode(StatementFile.self, from: try readInput(statement))
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure("the statement file \(statement) is not valid: \(error)")
            }
        }
        guard let job, let host, let checkpoint, let tokens, let prompt, let response else {
            throw ValidationError(
                "give --statement FILE, or --job, --host, --checkpoint, --tokens, --prompt, --response")
        }
        return StatementFile(
            jobId: job, host: host, checkpointIndex: checkpoint, tokensClaimed: tokens, prompt: prompt,
            response: response, modelHash: modelHash, modelId: modelId, modelPath: modelPath)
    }
}
