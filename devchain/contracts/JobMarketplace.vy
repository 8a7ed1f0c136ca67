# pragma version 0.4.3
# pragma evm-version cancun
"""
@title JobMarketplace (proofnode devchain)
@notice The subset of Fabstir's JobMarketplaceWithModelsUpgradeable that proofnode talks to, with the
        same selectors, event topics, rules and revert strings (../../shared/notes/fabstir-contract.md
        in the project's notes). It exists so proofnode's on-chain code can be tested on a real EVM.
@dev    Differences from the Solidity original, all deliberate and documented in devchain/README.md:
        - strings are bounded (`String[MAX_CID]`); a longer string reverts with empty revert data;
        - a session id that was never created is "Not active" for submit, complete and timeout;
        - host earnings, the treasury fee and the depositor's refund are transferred at completion
          (or timeout) instead of being credited for a later withdrawal;
        - only native ETH sessions (`paymentToken` is always the zero address).
"""

MAX_CID: constant(uint256) = 1024

STATUS_ACTIVE: constant(uint8) = 0
STATUS_COMPLETED: constant(uint8) = 1
STATUS_TIMED_OUT: constant(uint8) = 2

MIN_DEPOSIT: constant(uint256) = 10 ** 14
MIN_TOKENS: constant(uint256) = 100
MIN_PROOF_INTERVAL: constant(uint256) = 100
MAX_DURATION: constant(uint256) = 365 * 86400
MIN_PROOF_TIMEOUT: constant(uint256) = 60
MAX_PROOF_TIMEOUT: constant(uint256) = 3600
TOKENS_PER_SECOND: constant(uint256) = 2000
PRICE_UNIT: constant(uint256) = 1000
BASIS_POINTS: constant(uint256) = 10000


struct SessionJob:
    id: uint256
    depositor: address
    host: address
    paymentToken: address
    deposit: uint256
    pricePerToken: uint256
    tokensUsed: uint256
    maxDuration: uint256
    startTime: uint256
    lastProofTime: uint256
    proofInterval: uint256
    proofTimeoutWindow: uint256
    status: uint8
    withdrawnByHost: uint256
    refundedToUser: uint256
    conversationCID: String[MAX_CID]
    lastProofHash: bytes32
    lastProofCID: String[MAX_CID]


struct ProofSubmission:
    proofHash: bytes32
    tokensClaimed: uint256
    timestamp: uint256
    verified: bool
    deltaCID: String[MAX_CID]


event ProofSubmitted:
    jobId: indexed(uint256)
    host: indexed(address)
    tokensClaimed: uint256
    proofHash: bytes32
    proofCID: String[MAX_CID]
    deltaCID: String[MAX_CID]


event SessionJobCreatedForModel:
    jobId: indexed(uint256)
    depositor: indexed(address)
    host: indexed(address)
    modelId: bytes32
    deposit: uint256


event SessionCompleted:
    jobId: indexed(uint256)
    totalTokensUsed: uint256
    hostEarnings: uint256
    userRefund: uint256


event SessionCompletedBy:
    jobId: indexed(uint256)
    completedBy: indexed(address)
    tokensUsed: uint256
    paymentAmount: uint256
    refundAmount: uint256


event SessionTimedOut:
    jobId: indexed(uint256)
    hostEarnings: uint256
    userRefund: uint256


# Seconds after the last proof before the host may complete a session.
disputeWindow: public(uint256)
# The treasury's share of each payment in basis points (1000 = 10 %).
feeBasisPoints: public(uint256)
# Receives the treasury fee of every settled session.
treasury: public(address)
# The id the next session will get (ids start at 1).
nextJobId: public(uint256)
# Number of proofs submitted for a session.
proofCount: public(HashMap[uint256, uint256])
# Every proofHash ever submitted, across all sessions.
usedProofHashes: public(HashMap[bytes32, bool])

_sessions: HashMap[uint256, SessionJob]
_proofs: HashMap[uint256, HashMap[uint256, ProofSubmission]]


@deploy
def __init__(dispute_window: uint256, fee_basis_points: uint256, treasury_address: address):
    assert fee_basis_points <= BASIS_POINTS, "Bad fee"
    assert treasury_address != empty(address), "No treasury"
    self.disputeWindow = dispute_window
    self.feeBasisPoints = fee_basis_points
    self.treasury = treasury_address
    self.nextJobId = 1


@payable
@external
def createSessionJobForModel(
    host: address,
    modelId: bytes32,
    pricePerToken: uint256,
    maxDuration: uint256,
    proofInterval: uint256,
    proofTimeoutWindow: uint256,
) -> uint256:
    assert msg.value >= MIN_DEPOSIT, "Low deposit"
    assert pricePerToken > 0, "Bad price"
    assert maxDuration > 0 and maxDuration <= MAX_DURATION, "Bad dur"
    assert proofInterval >= MIN_PROOF_INTERVAL, "Low interval"
    assert proofTimeoutWindow >= MIN_PROOF_TIMEOUT and proofTimeoutWindow <= MAX_PROOF_TIMEOUT, "Bad timeout"
    assert host != empty(address), "No host"
    assert msg.value * PRICE_UNIT // pricePerToken >= proofInterval, "Low deposit"

    job_id: uint256 = self.nextJobId
    self.nextJobId = job_id + 1
    self._sessions[job_id] = SessionJob(
        id=job_id,
        depositor=msg.sender,
        host=host,
        paymentToken=empty(address),
        deposit=msg.value,
        pricePerToken=pricePerToken,
        tokensUsed=0,
        maxDuration=maxDuration,
        startTime=block.timestamp,
        lastProofTime=block.timestamp,
        proofInterval=proofInterval,
        proofTimeoutWindow=proofTimeoutWindow,
        status=STATUS_ACTIVE,
        withdrawnByHost=0,
        refundedToUser=0,
        conversationCID="",
        lastProofHash=empty(bytes32),
        lastProofCID="",
    )
    log SessionJobCreatedForModel(jobId=job_id, depositor=msg.sender, host=host, modelId=modelId, deposit=msg.value)
    return job_id


@external
def submitProofOfWork(
    jobId: uint256,
    tokensClaimed: uint256,
    proofHash: bytes32,
    proofCID: String[MAX_CID],
    deltaCID: String[MAX_CID],
):
    job: SessionJob = self._sessions[jobId]
    assert job.id != 0 and job.status == STATUS_ACTIVE, "Not active"
    assert msg.sender == job.host, "Not host"
    assert tokensClaimed >= MIN_TOKENS, "Min tokens"
    if job.tokensUsed == 0:
        assert tokensClaimed >= job.proofInterval, "Low first"
    assert tokensClaimed <= (block.timestamp - job.lastProofTime) * TOKENS_PER_SECOND, "Too many"
    assert job.tokensUsed + tokensClaimed <= job.deposit * PRICE_UNIT // job.pricePerToken, "Exceeds deposit"
    assert not self.usedProofHashes[proofHash], "Proof already used"

    self.usedProofHashes[proofHash] = True
    self._sessions[jobId].tokensUsed = job.tokensUsed + tokensClaimed
    self._sessions[jobId].lastProofTime = block.timestamp
    self._sessions[jobId].lastProofHash = proofHash
    self._sessions[jobId].lastProofCID = proofCID
    index: uint256 = self.proofCount[jobId]
    self._proofs[jobId][index] = ProofSubmission(
        proofHash=proofHash,
        tokensClaimed=tokensClaimed,
        timestamp=block.timestamp,
        verified=False,
        deltaCID=deltaCID,
    )
    self.proofCount[jobId] = index + 1
    log ProofSubmitted(
        jobId=jobId,
        host=msg.sender,
        tokensClaimed=tokensClaimed,
        proofHash=proofHash,
        proofCID=proofCID,
        deltaCID=deltaCID,
    )


@internal
def _settle(jobId: uint256, status: uint8) -> (uint256, uint256, uint256, uint256):
    """
    @dev Pays a session out: the host its earnings net of the treasury fee, the treasury the fee, the
         depositor the rest of the deposit. Returns (tokensUsed, payment, hostEarnings, refund).
    """
    job: SessionJob = self._sessions[jobId]
    payment: uint256 = job.tokensUsed * job.pricePerToken // PRICE_UNIT
    fee: uint256 = payment * self.feeBasisPoints // BASIS_POINTS
    host_earnings: uint256 = payment - fee
    refund: uint256 = job.deposit - payment

    self._sessions[jobId].status = status
    self._sessions[jobId].withdrawnByHost = host_earnings
    self._sessions[jobId].refundedToUser = refund

    if host_earnings > 0:
        send(job.host, host_earnings)
    if fee > 0:
        send(self.treasury, fee)
    if refund > 0:
        send(job.depositor, refund)
    return job.tokensUsed, payment, host_earnings, refund


@nonreentrant
@external
def completeSessionJob(jobId: uint256, conversationCID: String[MAX_CID]):
    job: SessionJob = self._sessions[jobId]
    assert job.id != 0 and job.status == STATUS_ACTIVE, "Not active"
    assert msg.sender == job.depositor or msg.sender == job.host, "Not depositor or host"
    if msg.sender != job.depositor:
        assert block.timestamp >= job.lastProofTime + self.disputeWindow, "Dispute wait"

    self._sessions[jobId].conversationCID = conversationCID
    tokens_used: uint256 = 0
    payment: uint256 = 0
    host_earnings: uint256 = 0
    refund: uint256 = 0
    tokens_used, payment, host_earnings, refund = self._settle(jobId, STATUS_COMPLETED)
    log SessionCompleted(jobId=jobId, totalTokensUsed=tokens_used, hostEarnings=host_earnings, userRefund=refund)
    log SessionCompletedBy(
        jobId=jobId, completedBy=msg.sender, tokensUsed=tokens_used, paymentAmount=payment, refundAmount=refund
    )


@nonreentrant
@external
def triggerSessionTimeout(jobId: uint256):
    job: SessionJob = self._sessions[jobId]
    assert job.id != 0 and job.status == STATUS_ACTIVE, "Not active"
    assert (
        block.timestamp > job.startTime + job.maxDuration
        or block.timestamp > job.lastProofTime + job.proofTimeoutWindow
    ), "Not timeout"

    tokens_used: uint256 = 0
    payment: uint256 = 0
    host_earnings: uint256 = 0
    refund: uint256 = 0
    tokens_used, payment, host_earnings, refund = self._settle(jobId, STATUS_TIMED_OUT)
    log SessionTimedOut(jobId=jobId, hostEarnings=host_earnings, userRefund=refund)


@view
@external
def sessionJobs(jobId: uint256) -> (
    uint256,
    address,
    address,
    address,
    uint256,
    uint256,
    uint256,
    uint256,
    uint256,
    uint256,
    uint256,
    uint256,
    uint8,
    uint256,
    uint256,
    String[MAX_CID],
    bytes32,
    String[MAX_CID],
):
    """
    @notice The session as Solidity's public struct getter returns it: 18 values, flat.
    """
    job: SessionJob = self._sessions[jobId]
    return (
        job.id,
        job.depositor,
        job.host,
        job.paymentToken,
        job.deposit,
        job.pricePerToken,
        job.tokensUsed,
        job.maxDuration,
        job.startTime,
        job.lastProofTime,
        job.proofInterval,
        job.proofTimeoutWindow,
        job.status,
        job.withdrawnByHost,
        job.refundedToUser,
        job.conversationCID,
        job.lastProofHash,
        job.lastProofCID,
    )


@view
@external
def getProofSubmission(sessionId: uint256, proofIndex: uint256) -> (bytes32, uint256, uint256, bool, String[MAX_CID]):
    assert proofIndex < self.proofCount[sessionId], "Bad index"
    proof: ProofSubmission = self._proofs[sessionId][proofIndex]
    return proof.proofHash, proof.tokensClaimed, proof.timestamp, proof.verified, proof.deltaCID
