"""The BN254 precompiles delegated to pyrevm: results against py_ecc (independent oracle) and against
py-evm's own pure-Python implementation, and EIP-1108 gas."""

from __future__ import annotations

from conftest import RpcFailure
from eth.vm.forks.cancun.computation import CancunComputation
from py_ecc import bn128

from devchain.evm import DevComputation

ECADD, ECMUL, ECPAIRING = ("0x" + "00" * 19 + n for n in ("06", "07", "08"))


def words(*values: int) -> bytes:
    return b"".join(v.to_bytes(32, "big") for v in values)


def g2_words(point) -> bytes:
    (x, y) = point
    return words(x.coeffs[1].n, x.coeffs[0].n, y.coeffs[1].n, y.coeffs[0].n)  # EIP-197: imaginary part first


def call(chain, to: str, data: bytes) -> bytes:
    return bytes.fromhex(chain.rpc("eth_call", {"to": to, "input": "0x" + data.hex()}, "latest")[2:])


def test_pyrevm_backs_the_bn254_precompiles():
    for n in (6, 7, 8):
        address = n.to_bytes(20, "big")
        assert DevComputation._precompiles[address] is not CancunComputation._precompiles[address]


def test_ecadd_and_ecmul_match_py_ecc(chain):
    g = bn128.G1
    p = bn128.multiply(g, 5)
    q = bn128.multiply(g, 11)
    total = bn128.add(p, q)
    assert call(chain, ECADD, words(p[0].n, p[1].n, q[0].n, q[1].n)) == words(total[0].n, total[1].n)
    product = bn128.multiply(p, 123456789)
    assert call(chain, ECMUL, words(p[0].n, p[1].n, 123456789)) == words(product[0].n, product[1].n)
    # A point off the curve is rejected (the call fails, as on every client).
    try:
        call(chain, ECADD, words(1, 3, 1, 2))
    except RpcFailure as failure:
        assert failure.code == -32000
    else:
        raise AssertionError("ecadd accepted a point that is not on the curve")


def test_ecpairing_matches_py_ecc_and_costs_eip1108_gas(chain):
    g1, g2 = bn128.G1, bn128.G2
    a = bn128.multiply(g1, 7)
    b = bn128.multiply(g2, 9)
    c = bn128.multiply(g1, 63)
    neg_c = bn128.neg(c)
    # e(7 G1, 9 G2) * e(-63 G1, G2) == 1
    good = words(a[0].n, a[1].n) + g2_words(b) + words(neg_c[0].n, neg_c[1].n) + g2_words(g2)
    bad = words(a[0].n, a[1].n) + g2_words(b) + words(c[0].n, c[1].n) + g2_words(g2)
    assert call(chain, ECPAIRING, good) == words(1)
    assert call(chain, ECPAIRING, bad) == words(0)
    wallet = chain.wallets[1]
    receipt = chain.send(wallet, ECPAIRING, good)
    calldata_gas = sum(16 if byte else 4 for byte in good)
    assert int(receipt["gasUsed"], 16) == 21000 + calldata_gas + 45000 + 2 * 34000


def test_pyrevm_and_py_evm_agree_on_edge_inputs():
    """Same outputs (or both failing) as py-evm's pure-Python precompiles on short and odd inputs."""
    from eth.exceptions import VMError

    class Msg:
        def __init__(self, data):
            self.data = data
            self.data_as_bytes = bytes(data)

    class Computation:
        def __init__(self, data):
            self.msg = Msg(data)
            self.output = b""
            self.gas = 0

        def consume_gas(self, amount, reason):
            self.gas += amount

    g = bn128.G1
    inputs = {
        6: [b"", words(g[0].n, g[1].n), words(g[0].n, g[1].n, g[0].n, g[1].n) + b"\x01"],
        7: [b"", words(g[0].n, g[1].n), words(g[0].n, g[1].n, 2**256 - 1)],
        8: [b"", words(1, 2) + g2_words(bn128.G2)],
    }
    for n, cases in inputs.items():
        address = n.to_bytes(20, "big")
        for data in cases:
            results = []
            for table in (CancunComputation._precompiles, DevComputation._precompiles):
                comp = Computation(data)
                try:
                    table[address](comp)
                    results.append((comp.output, comp.gas))
                except VMError:
                    results.append("error")
            assert results[0] == results[1], (n, data.hex(), results)
