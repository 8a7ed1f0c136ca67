import BN254
import Testing

/// The published EIP-197 precompile cases (go-ethereum's bn256Pairing.json) and py_ecc-checked
/// invalid inputs, decoded with the precompile's rules and run through the pairing check.
@Suite("EIP-197 pairing check")
struct EIP197PairingTests {
    struct GethFile: Decodable {
        struct Case: Decodable {
            let input: String
            let expected: String
            let name: String
            enum CodingKeys: String, CodingKey {
                case input = "Input"
                case expected = "Expected"
                case name = "Name"
            }
        }
        let source: String
        let cases: [Case]
    }

    struct InvalidFile: Decodable {
        struct Case: Decodable {
            let name: String
            let input: String
            let expected: String
            let error: String?
        }
        let source: String
        let cases: [Case]
    }

    @Test("go-ethereum's bn256Pairing.json: every case decodes and gives the published result")
    func publishedCases() throws {
        let file = try TowerTestSupport.vectors("eip197_pairing", as: GethFile.self)
        #expect(file.cases.count == 14)
        for testCase in file.cases {
            let pairs = try EIP197TestDecoder.decode(EIP197TestDecoder.bytes(hex: testCase.input))
            let expected = testCase.expected.hasSuffix("1")
            #expect(Pairing.pairingCheck(pairs) == expected, "\(testCase.name)")
            let prepared = pairs.map { ($0.0, PreparedG2($0.1)) }
            #expect(Pairing.pairingCheck(prepared: prepared) == expected, "\(testCase.name) (prepared)")
        }
    }

    @Test("Invalid encodings are rejected; points at infinity are accepted and contribute 1")
    func invalidAndEdgeCases() throws {
        let file = try TowerTestSupport.vectors("eip197_invalid", as: InvalidFile.self)
        for testCase in file.cases {
            let input = EIP197TestDecoder.bytes(hex: testCase.input)
            switch testCase.expected {
            case "reject":
                let error = #expect(throws: BN254Error.self, "\(testCase.name)") {
                    try EIP197TestDecoder.decode(input)
                }
                #expect(error?.code.name == testCase.error, "\(testCase.name)")
            default:
                let pairs = try EIP197TestDecoder.decode(input)
                #expect(Pairing.pairingCheck(pairs) == (testCase.expected == "true"), "\(testCase.name)")
            }
        }
    }
}
