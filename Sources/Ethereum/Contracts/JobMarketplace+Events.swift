extension JobMarketplace {
    /// The JobMarketplace events among a receipt's logs (logs of other contracts are skipped).
    /// - Throws: ``JobMarketplaceError/Code/invalidResponse`` for a marketplace log that does not decode.
    public func events(in receipt: TransactionReceipt) throws(JobMarketplaceError) -> [JobMarketplaceEvent] {
        var events: [JobMarketplaceEvent] = []
        for log in receipt.logs where log.address == address {
            if let event = try JobMarketplaceEvent.decode(log, abi: abi) { events.append(event) }
        }
        return events
    }

    /// `eth_getLogs` for this contract's events in a block range, optionally only some event kinds and
    /// one job (the first indexed topic of every event is the job id).
    /// - Parameters:
    ///   - names: event names (e.g. `["ProofSubmitted"]`); empty for all five.
    ///   - jobId: only this job's events.
    /// - Returns: each decoded event with its log (block, transaction, index).
    public func events(
        on client: EthereumClient, from fromBlock: BlockTag, to toBlock: BlockTag = .latest, names: [String] = [],
        jobId: U256? = nil
    ) async throws(JobMarketplaceError) -> [(event: JobMarketplaceEvent, log: EthereumLog)] {
        let selected = abi.events.filter { names.isEmpty || names.contains($0.name) }
        guard !selected.isEmpty else {
            throw JobMarketplaceError(.invalidArgument, "none of \(names) is a JobMarketplace event")
        }
        var topics: [[EthereumHash]?] = [selected.map { EthereumHash(unchecked: $0.topic) }]
        if let jobId { topics.append([EthereumHash(unchecked: jobId.bigEndianBytes)]) }
        let filter = LogFilter(addresses: [address], topics: topics, fromBlock: fromBlock, toBlock: toBlock)
        let logs: [EthereumLog]
        do {
            logs = try await client.logs(filter)
        } catch {
            throw JobMarketplaceError.from(error, doing: "eth_getLogs")
        }
        var result: [(event: JobMarketplaceEvent, log: EthereumLog)] = []
        for log in logs where !log.removed {
            if let event = try JobMarketplaceEvent.decode(log, abi: abi) { result.append((event, log)) }
        }
        return result
    }
}
