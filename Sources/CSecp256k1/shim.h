// CSecp256k1: libsecp256k1 (libsecp256k1-dev, 0.2.0 on Debian 12) with its recovery module, used by
// the Ethereum signer. Only the headers are exposed; C pointers stay inside the signer's owner type.
#ifndef PROOFNODE_CSECP256K1_SHIM_H
#define PROOFNODE_CSECP256K1_SHIM_H
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#endif
