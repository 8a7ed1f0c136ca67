import Ethereum
import Foundation
import Testing

/// One case of `Vectors/rpc-node-errors.json`.
struct NodeErrorVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let error: JSONValue
    let code: String
    let reason: String?
    let revertData: String?

    var testDescription: String { name }

    static func load() throws -> [NodeErrorVector] {
        struct File: Decodable { let cases: [NodeErrorVector] }
        let url = try #require(
            Bundle.module.url(forResource: "rpc-node-errors", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Suite("JSON-RPC error objects from real nodes")
struct RPCNodeErrorTests {
    @Test(
        "every node's error shape maps to the right code, reason and revert data", arguments: try NodeErrorVector.load()
    )
    func mapsNodeErrors(vector: NodeErrorVector) async throws {
        let errorObject = vector.error
        let server = try ScriptedRPCServer { request in ScriptedRPCServer.error(errorObject, id: request.id) }
        let client = try JSONRPCClient(configuration: .init(url: server.url, retry: fastRetry))
        do {
            _ = try await client.call("eth_call", [["to": "0x00000000000000000000000000000000000000aa"], "latest"])
            Issue.record("expected an error")
        } catch {
            #expect(error.code.name == vector.code)
            #expect(error.method == "eth_call")
            #expect(error.nodeMessage == errorObject["message"]?.stringValue)
            #expect(error.nodeCode == errorObject["code"]?.intValue)
            #expect(error.data == errorObject["data"])
            #expect(error.revertReason == vector.reason)
            #expect(error.revertData.map { "0x" + $0.map { String(format: "%02x", $0) }.joined() } == vector.revertData)
            #expect(error.attempts == 1)
        }
        #expect(server.http.requestsServed == 1)
    }
}
