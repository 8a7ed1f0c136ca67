import CCurl
import CGMP
import CSecp256k1
import Foundation
import Testing

/// The Debian C libraries link and answer: a missing `-dev` package fails the build with the
/// package's name (the `providers` lines in Package.swift), and a broken one fails here.
@Suite("System libraries")
struct SystemLibrariesTests {
    @Test("GMP computes 2^255 - 19 and prints it in decimal")
    func gmpArithmetic() {
        var base = mpz_t()
        var exponent = mpz_t()
        var modulus = mpz_t()
        var result = mpz_t()
        cgmp_init(&base)
        cgmp_init(&exponent)
        cgmp_init(&modulus)
        cgmp_init(&result)
        defer {
            cgmp_clear(&base)
            cgmp_clear(&exponent)
            cgmp_clear(&modulus)
            cgmp_clear(&result)
        }
        _ = cgmp_set_str(&base, "2", 10)
        _ = cgmp_set_str(&exponent, "255", 10)
        _ = cgmp_set_str(&modulus, "1" + String(repeating: "0", count: 80), 10)
        cgmp_powm(&result, &base, &exponent, &modulus)
        var nineteen = mpz_t()
        cgmp_init(&nineteen)
        defer { cgmp_clear(&nineteen) }
        _ = cgmp_set_str(&nineteen, "19", 10)
        var difference = mpz_t()
        cgmp_init(&difference)
        defer { cgmp_clear(&difference) }
        cgmp_sub(&difference, &result, &nineteen)
        let text = String(cString: cgmp_get_str(nil, 10, &difference))
        // 2^255 - 19, the Curve25519 prime, as published in RFC 7748.
        #expect(text == "57896044618658097711785492504343953926634992332820282019728792003956564819949")
    }

    @Test("libsecp256k1 derives the public key of private key 1 as the generator")
    func secp256k1Generator() throws {
        let context = try #require(secp256k1_context_create(UInt32(SECP256K1_CONTEXT_NONE)))
        defer { secp256k1_context_destroy(context) }
        var secret = [UInt8](repeating: 0, count: 32)
        secret[31] = 1
        var publicKey = secp256k1_pubkey()
        #expect(secp256k1_ec_pubkey_create(context, &publicKey, secret) == 1)
        var serialized = [UInt8](repeating: 0, count: 33)
        var length = 33
        _ = secp256k1_ec_pubkey_serialize(
            context, &serialized, &length, &publicKey, UInt32(SECP256K1_EC_COMPRESSED))
        let hex = serialized.map { String(format: "%02x", $0) }.joined()
        // The secp256k1 generator G in compressed form (SEC 2, section 2.4.1).
        #expect(hex == "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    }

    @Test("libcurl initialises and reports an HTTP-capable version")
    func curlVersion() throws {
        let info = try #require(curl_version_info(CURLversion(rawValue: UInt32(ccurl_version_now))))
        let protocols = info.pointee.protocols
        var names: [String] = []
        var index = 0
        while let name = protocols?[index] {
            names.append(String(cString: name))
            index += 1
        }
        #expect(names.contains("http"))
        let handle = curl_easy_init()
        #expect(handle != nil)
        curl_easy_cleanup(handle)
    }
}
