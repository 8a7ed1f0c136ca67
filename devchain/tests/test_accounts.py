"""The dev accounts are the public test mnemonic's accounts (eth-account's HD derivation as oracle)."""

from __future__ import annotations

from eth_account import Account

from devchain.accounts import DEV_BALANCE_WEI, DEV_MNEMONIC, dev_accounts


def test_dev_keys_derive_from_the_public_test_mnemonic():
    Account.enable_unaudited_hdwallet_features()
    for i, (address, key) in enumerate(dev_accounts()):
        derived = Account.from_mnemonic(DEV_MNEMONIC, account_path=f"m/44'/60'/0'/0/{i}")
        assert derived.address == address
        assert "0x" + derived.key.hex().removeprefix("0x") == key
    # anvil's and hardhat's published account 0
    assert dev_accounts(1)[0][0] == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"


def test_dev_accounts_are_funded(chain):
    for wallet in chain.wallets:
        assert int(chain.rpc("eth_getBalance", wallet.address, "0x0"), 16) == DEV_BALANCE_WEI


def test_marketplace_is_deployed_at_the_well_known_first_address(chain):
    # The first contract created by account 0 with nonce 0 (the address anvil users know).
    assert chain.marketplace == "0x5FbDB2315678afecb367f032d93F642f64180aa3"
    assert chain.rpc("eth_getCode", chain.marketplace, "latest") != "0x"


def test_manual_clock_moves_only_when_told(monkeypatch):
    from devchain.chain import DevChain

    chain = DevChain(31337, {}, manual_clock=True)
    start = chain.now()
    wall = [1_000_000_000.0]
    monkeypatch.setattr("devchain.chain.time.time", lambda: wall[0])
    wall[0] += 3600  # an hour of wall time changes nothing
    assert chain.now() == start
    chain.increase_time(61)
    assert chain.now() == start + 61
    assert chain.seal().header.timestamp == start + 61
