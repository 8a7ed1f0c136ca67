"""proofnode's real-EVM devchain: py-evm behind a small JSON-RPC 2.0 server, plus the JobMarketplace
contract in Vyper. See devchain/README.md."""
