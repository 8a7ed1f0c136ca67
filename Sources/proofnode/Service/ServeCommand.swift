import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ProofnodeService

/// `proofnode serve`: the HTTP API, metrics and health endpoints over the audit store and the chain.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the proofnode service: HTTP API, metrics, health (docs/API.md, docs/CONFIGURATION.md).",
        discussion: """
            Out of the box it uses an embedded MockChain, the audit store data/proofnode.sqlite and keys in \
            keys/ (generated on first start). Every configuration key can be set in the JSON file or by an \
            environment variable (Fabstir names included: HOST_PRIVATE_KEY, RPC_URL, CHAIN_ID, \
            CONTRACT_JOB_MARKETPLACE, DISPUTE_WINDOW_SECONDS, MODEL_PATH). SIGTERM or Ctrl-C stops it gracefully.
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let configuration = try options.load()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = configuration.logLevel
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(ServiceMetrics.makeFactory(registry: registry))
        let logger = Logger(label: "proofnode.service")
        func note(_ line: String) { FileHandle.standardError.write(Data("serve: \(line)\n".utf8)) }
        note("configuration" + (options.file.map { " from \($0)" } ?? " (defaults and environment)") + ":")
        for line in configuration.description.split(separator: "\n") { note("  \(line)") }
        do {
            try await ServiceRuntime.run(
                configuration: configuration, logger: logger, registry: registry, note: note,
                makeIngest: SessionIngestWiring.make)
        } catch let error as ServiceError {
            throw CommandFailure(error.description)
        }
    }
}
