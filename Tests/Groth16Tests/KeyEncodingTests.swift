import BN254
import Foundation
import Groth16
import Testing

@Suite("Groth16 key and JSON encodings")
struct KeyEncodingTests {
    @Test("proving and verifying keys round-trip through their binary files")
    func keyRoundTrip() throws {
        let fixture = Fixture.shared
        let pk = try ProvingKey(encoded: fixture.key.encoded)
        #expect(pk == fixture.key)
        let vk = try VerifyingKey(encoded: fixture.key.verifyingKey.encoded)
        #expect(vk == fixture.key.verifyingKey)
        #expect(vk.fingerprint.count == 64)
        #expect(vk.circuitDigest == fixture.circuit.system.circuitDigest)
    }

    @Test("corrupt, truncated, foreign and future-version key files are typed errors")
    func keyCorruption() throws {
        let bytes = Fixture.shared.key.verifyingKey.encoded
        var flipped = bytes
        flipped[100] ^= 1
        for bad in [flipped, Array(bytes.dropLast()), Array("PNPK".utf8) + Array(bytes.dropFirst(4)), []] {
            #expect(throws: Groth16Error.self) { try VerifyingKey(encoded: bad) }
        }
        var future = bytes
        future[5] = 9
        #expect {
            try VerifyingKey(encoded: future)
        } throws: { error in
            (error as? Groth16Error)?.message.contains("format version") == true
        }
        #expect(throws: Groth16Error.self) { try ProvingKey(encoded: bytes) }
    }

    @Test("snarkjs JSON round-trips the key, the proof and the public inputs")
    func snarkjsRoundTrip() throws {
        let fixture = Fixture.shared
        let keyJSON = SnarkjsJSON.verificationKey(fixture.key.verifyingKey)
        let data = try JSONEncoder().encode(keyJSON)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"vk_alpha_1\"") && text.contains("\"IC\"") && text.contains("\"protocol\""))
        let decodedKey = try SnarkjsJSON.verifyingKey(
            from: JSONDecoder().decode(SnarkjsJSON.VerificationKey.self, from: data),
            circuitDigest: fixture.key.verifyingKey.circuitDigest)
        #expect(decodedKey == fixture.key.verifyingKey)
        let proofJSON = SnarkjsJSON.proof(fixture.proof)
        #expect(proofJSON.piA[2] == "1" && proofJSON.piB[2] == ["1", "0"])
        #expect(try SnarkjsJSON.proof(from: proofJSON) == fixture.proof)
        let inputs = try SnarkjsJSON.publicInputs(from: SnarkjsJSON.publicInputs(fixture.inputs))
        #expect(inputs == fixture.inputs)
        #expect(throws: Groth16Error.self) { try SnarkjsJSON.publicInputs(from: [Fr.modulus.decimalString]) }
    }
}
