/// The benchmark suites `proofnode bench` offers. Each module's suite lives in its own file in this
/// folder and is listed here once.
enum BenchmarkRegistry {
    /// All suites, in the order `--suite all` runs them.
    static let all: [any BenchmarkSuite] = [
        BN254FieldBenchmarks(),
        CommitmentBenchmarks(),
        BN254PairingBenchmarks(),
        EthereumBenchmarks(),
        RPCBenchmarks(),
        TransactionManagerBenchmarks(),
        AuditStoreBenchmarks(),
        BN254CurveBenchmarks(),
        BN254MSMWidthBenchmarks(),
        MockChainBenchmarks(),
        Groth16Benchmarks(),
        SettlementBenchmarks(),
        AuditVerifyBenchmarks(),
        ServiceLoadBenchmarks(),
        PipelineLoadBenchmarks(),
        CeremonyBenchmarks(),
    ]
}
