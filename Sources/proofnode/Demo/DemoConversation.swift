import Settlement

/// The canned conversation the demo streams: several user/assistant exchanges whose token counts are
/// scaled so that the session generates the requested number of tokens.
enum DemoConversation {
    /// The exchanges (prompt, response) in order.
    static let exchanges: [(prompt: String, response: String)] = [
        (
            "What does a host in a compute marketplace actually sell?",
            "Inference: it runs a model on its GPUs and streams the tokens back. The client pays per token, "
                + "so the host has to show how many tokens it really produced."
        ),
        (
            "And how does the client know the count is honest?",
            "Every thousand tokens the host commits to the prompt, the response and the model, and proves "
                + "with a Groth16 proof that the commitment and the claimed count belong together."
        ),
        (
            "Where do those proofs go?",
            "Each proof's hash goes on-chain with submitProofOfWork, and the proof itself into an append-only "
                + "audit store, so anyone can check it later against the chain."
        ),
        (
            "When is the host paid?",
            "After the dispute window: the host re-verifies every stored proof and only then calls "
                + "completeSessionJob. The contract pays tokens times price, keeps a 10 % fee for the treasury "
                + "and refunds the rest of the deposit."
        ),
        (
            "What if a proof was tampered with?",
            "Then validation fails, settlement is refused and a dispute is recorded with the reasons, "
                + "instead of the host collecting payment for work it cannot prove."
        ),
    ]

    /// The exchanges as session messages whose token counts add up to `tokens` (spread evenly; the
    /// last exchange takes the remainder).
    /// - Parameters:
    ///   - tokens: The total tokens generated (at least one per exchange).
    ///   - label: Prefixed to prompts so that two demo sessions never share a prompt.
    static func messages(tokens: Int64, label: String) -> [SessionMessage] {
        let count = Int64(exchanges.count)
        let each = tokens / count
        return exchanges.enumerated().map { index, exchange in
            let share = Int64(index) == count - 1 ? tokens - each * (count - 1) : each
            return SessionMessage(prompt: "[\(label)] " + exchange.prompt, response: exchange.response, tokens: share)
        }
    }
}
