"""JSON-RPC errors as the devchain reports them (geth's codes and strings)."""

from __future__ import annotations


class RpcError(Exception):
    """A JSON-RPC error object: ``{code, message[, data]}``."""

    def __init__(self, code: int, message: str, data: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self) -> dict:
        out = {"code": self.code, "message": self.message}
        if self.data is not None:
            out["data"] = self.data
        return out


class TxRejected(RpcError):
    """A transaction refused by the pool; geth reports these with code -32000."""

    def __init__(self, message: str) -> None:
        super().__init__(-32000, message)
