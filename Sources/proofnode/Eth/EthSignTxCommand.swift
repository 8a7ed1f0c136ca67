import ArgumentParser
import Ethereum

/// `proofnode eth sign-tx …`: a signed raw transaction (type 0, 1 or 2) as 0x-hex.
struct EthSignTxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-tx",
        abstract: "Sign a transaction and print the raw bytes for eth_sendRawTransaction.",
        discussion: """
            Type 0 (legacy, EIP-155) and type 1 (EIP-2930) take --gas-price; type 2 (EIP-1559) takes \
            --max-fee-per-gas and --max-priority-fee-per-gas. Omit --to to create a contract. Numbers are \
            decimal or 0x-hex.
            """)

    @Option(name: .long, help: "File with the hex private key (mode 0600 or 0400). Default: $HOST_PRIVATE_KEY.")
    var privateKeyFile: String?

    @Option(name: .long, help: "Transaction type: 0 (legacy), 1 (EIP-2930) or 2 (EIP-1559).")
    var type: UInt8 = 2

    @Option(name: .long, help: "The chain id (e.g. 84532 for Base Sepolia).")
    var chainId: String?

    @Option(name: .long, help: "The sender's nonce.")
    var nonce: String?

    @Option(name: .long, help: "The recipient address; omit for a contract creation.")
    var to: String?

    @Option(name: .long, help: "Wei to send.")
    var value: String = "0"

    @Option(name: .long, help: "The gas limit.")
    var gas: String?

    @Option(name: .long, help: "Gas price in wei (types 0 and 1).")
    var gasPrice: String?

    @Option(name: .long, help: "Fee cap per gas in wei (type 2).")
    var maxFeePerGas: String?

    @Option(name: .long, help: "Priority fee per gas in wei (type 2).")
    var maxPriorityFeePerGas: String?

    @Option(name: .long, help: "Call data or init code, 0x-hex.")
    var data: String = "0x"

    @Option(
        name: .long, help: "Access list JSON (types 1 and 2): [{\"address\": \"0x…\", \"storageKeys\": [\"0x…\"]}].")
    var accessList: String?

    @Flag(help: .hidden)
    var batch = false

    func validate() throws {
        guard !batch else { return }
        guard chainId != nil, nonce != nil, gas != nil else {
            throw ValidationError("--chain-id, --nonce and --gas are required")
        }
    }

    func run() throws {
        if batch {
            EthBatch.run { request in
                let signer = try EthereumSigner(privateKeyHex: try request.string("privateKey"))
                let fields = TransactionFields(
                    type: try request.string("type"), chainId: try request.string("chainId"),
                    nonce: try request.string("nonce"), to: request.optionalString("to"),
                    value: try request.string("value"),
                    gas: try request.string("gas"), gasPrice: request.optionalString("gasPrice"),
                    maxFeePerGas: request.optionalString("maxFeePerGas"),
                    maxPriorityFeePerGas: request.optionalString("maxPriorityFeePerGas"),
                    data: try request.string("data"),
                    accessList: request.optionalString("accessList"))
                return Hex.encode(try signer.sign(try fields.transaction()).raw)
            }
            return
        }
        let fields = TransactionFields(
            type: String(type), chainId: chainId ?? "", nonce: nonce ?? "", to: to, value: value, gas: gas ?? "",
            gasPrice: gasPrice, maxFeePerGas: maxFeePerGas, maxPriorityFeePerGas: maxPriorityFeePerGas, data: data,
            accessList: accessList)
        let raw = try EthCLIError.wrap { try EthCLI.signer(keyFile: privateKeyFile).sign(try fields.transaction()).raw }
        print(Hex.encode(raw))
    }
}

/// The textual transaction options, shared by the command and its batch mode.
struct TransactionFields {
    var type: String
    var chainId: String
    var nonce: String
    var to: String?
    var value: String
    var gas: String
    var gasPrice: String?
    var maxFeePerGas: String?
    var maxPriorityFeePerGas: String?
    var data: String
    var accessList: String?

    func transaction() throws -> EthereumTransaction {
        guard let typeNumber = UInt8(type), let kind = TransactionType(rawValue: typeNumber) else {
            throw EthCLIError("--type must be 0, 1 or 2, got \(type)")
        }
        let chain = try EthCLI.uint64(chainId, "--chain-id")
        let recipient = try to.map { try EthereumAddress(parsing: $0) }
        let amount = try U256(parsing: value)
        let limit = try EthCLI.uint64(gas, "--gas")
        let count = try EthCLI.uint64(nonce, "--nonce")
        let input = try Hex.decode(data, requirePrefix: true)
        let entries = try accessList.map(Self.parseAccessList) ?? []
        switch kind {
        case .legacy, .accessList:
            guard let gasPrice, maxFeePerGas == nil, maxPriorityFeePerGas == nil else {
                throw EthCLIError("type \(typeNumber) takes --gas-price (and not the EIP-1559 fee options)")
            }
            if kind == .legacy {
                guard entries.isEmpty else { throw EthCLIError("a type 0 transaction has no access list") }
                return .legacy(
                    chainId: chain, nonce: count, gasPrice: try U256(parsing: gasPrice), gasLimit: limit, to: recipient,
                    value: amount, data: input)
            }
            return .accessList(
                chainId: chain, nonce: count, gasPrice: try U256(parsing: gasPrice), gasLimit: limit, to: recipient,
                value: amount, data: input, accessList: entries)
        case .dynamicFee:
            guard let maxFeePerGas, let maxPriorityFeePerGas, gasPrice == nil else {
                throw EthCLIError("type 2 takes --max-fee-per-gas and --max-priority-fee-per-gas (not --gas-price)")
            }
            return .dynamicFee(
                chainId: chain, nonce: count, maxPriorityFeePerGas: try U256(parsing: maxPriorityFeePerGas),
                maxFeePerGas: try U256(parsing: maxFeePerGas), gasLimit: limit, to: recipient, value: amount,
                data: input,
                accessList: entries)
        }
    }

    static func parseAccessList(_ text: String) throws -> [AccessListEntry] {
        guard case .array(let items) = try JSONValue(parsing: text) else {
            throw EthCLIError("--access-list must be a JSON array of {address, storageKeys}")
        }
        return try items.map { item in
            guard case .object(let fields) = item, case .string(let address) = fields["address"] else {
                throw EthCLIError("each access-list entry needs an \"address\"")
            }
            var keys: [[UInt8]] = []
            if case .array(let list) = fields["storageKeys"] {
                for key in list {
                    guard case .string(let hex) = key else { throw EthCLIError("storage keys are 0x-hex strings") }
                    keys.append(try Hex.decode(hex, requirePrefix: true))
                }
            }
            return try AccessListEntry(address: try EthereumAddress(parsing: address), storageKeys: keys)
        }
    }
}
