import Ethereum
import Testing

@Suite("ABI: Solidity specification examples and type parsing")
struct ABISpecTests {
    struct File: Decodable {
        struct Case: Decodable {
            let name: String
            let signature: String
            let args: JSONValue
            let selector: String
            let encoded: String
        }
        let cases: [Case]
    }

    @Test("the Solidity docs' examples encode byte for byte and decode back")
    func specExamples() throws {
        let file = try VectorLoader.load("abi_solidity_spec", as: File.self)
        #expect(file.cases.count == 5)
        for vector in file.cases {
            let function = try ABIFunctionSignature(parsing: vector.signature)
            #expect(Hex.encode(function.selector) == vector.selector, "\(vector.name)")
            let values = try ABIValue.values(json: vector.args, types: function.inputs)
            let encoded = try function.encodeCall(values)
            #expect(Hex.encode(encoded) == vector.encoded, "\(vector.name)")
            let decoded = try ABICodec.decode(function.inputs, from: Array(encoded.dropFirst(4)))
            #expect(decoded.map(\.json) == values.map(\.json), "\(vector.name)")
        }
    }

    @Test(
        "type strings parse to canonical forms",
        arguments: [
            ("uint", "uint256"), ("int", "int256"), ("uint8", "uint8"), ("bytes32", "bytes32"),
            ("address[]", "address[]"), ("uint256[3][]", "uint256[3][]"),
            ("(uint256,(bytes,string)[])", "(uint256,(bytes,string)[])"),
            ("tuple(uint, bool)[2]", "(uint256,bool)[2]"), ("()", "()"),
        ])
    func parse(text: String, canonical: String) throws {
        #expect(try ABIType(parsing: text).description == canonical)
    }

    @Test(
        "malformed type strings are typed errors",
        arguments: [
            "uint7", "uint264", "uint08", "int0", "bytes0", "bytes33", "foo", "(uint256", "uint256)", "uint256[",
            "uint256[x]", "(uint256,,bool)", "", "fixed128x18", "uint256[01]", "string[0]",
        ])
    func parseErrors(text: String) {
        #expect(throws: EthereumError.self) { _ = try ABIType(parsing: text) }
    }

    @Test("nested tuple and array kinds are dynamic exactly when the specification says")
    func dynamism() throws {
        #expect(try ABIType(parsing: "(uint256,(bytes,string)[])").isDynamic)
        #expect(try !ABIType(parsing: "(uint256,bytes32[2])").isDynamic)
        #expect(try ABIType(parsing: "(uint256,bytes32[2])").headSize == 96)
        #expect(try ABIType(parsing: "string[2]").isDynamic)
    }

    @Test("the Fabstir submitProofOfWork selector and well-known ERC-20 selectors")
    func selectors() throws {
        let cases = [
            ("submitProofOfWork(uint256,uint256,bytes32,string,string)", "0x7c5cb561"),
            ("submitProofOfWork(uint256,uint256,bytes32,string)", "0xace083b3"),
            ("transfer(address,uint256)", "0xa9059cbb"),
            ("balanceOf(address)", "0x70a08231"),
            ("approve(address, uint)", "0x095ea7b3"),
        ]
        for (signature, selector) in cases {
            #expect(Hex.encode(try ABIFunctionSignature(parsing: signature).selector) == selector, "\(signature)")
        }
    }
}
