/// The version `proofnode --version` prints.
enum ProofnodeVersion {
    /// Semantic version of this build of proofnode.
    static let current = "0.1.0"
}
