import ArgumentParser

/// `proofnode audit`: auditor commands over the audit store.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Inspect the audit store: list and show proofs and jobs, export a job, check the audit log.",
        subcommands: [
            AuditListCommand.self, AuditShowCommand.self, AuditVerifyCommand.self, AuditExportCommand.self,
            AuditCheckLogCommand.self,
        ]
    )
}
