import CCurl
import Foundation

/// An HTTP response as the JSON-RPC client needs it.
struct HTTPResponse: Sendable {
    /// The HTTP status code.
    var status: Int
    /// The body bytes (decompressed when the server used gzip).
    var body: [UInt8]
    /// The `Retry-After` header in seconds, when the server sent one as a number.
    var retryAfterSeconds: Double?
}

/// What every connection of a pool is configured with.
struct CurlSettings: Sendable {
    var url: String
    var headers: [String]
    var connectTimeoutMilliseconds: Int
    var maximumResponseBytes: Int
}

/// A cancellation flag shared between a waiting task and the thread running the transfer.
final class CurlCancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// Marks the transfer as cancelled; the progress callback aborts it at its next call.
    func cancel() { lock.withLock { cancelled = true } }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool { lock.withLock { cancelled } }
}

/// The state libcurl's C callbacks reach through their user-data pointer during one transfer.
private final class CurlTransfer {
    var body: [UInt8] = []
    var retryAfterSeconds: Double?
    var overflowed = false
    let limit: Int
    let cancellation: CurlCancellationFlag

    init(limit: Int, cancellation: CurlCancellationFlag) {
        self.limit = limit
        self.cancellation = cancellation
    }
}

/// libcurl's process-wide initialisation, done once before the first handle is created.
private enum CurlGlobal {
    static let initialised: CURLcode = curl_global_init(ccurl_global_default)
}

/// One libcurl easy handle and the HTTP/1.1 keep-alive connection it caches.
///
/// Owns every C pointer it uses (the handle, the header list, the error buffer) and frees them in
/// `deinit`. Not thread-safe: a ``CurlConnectionPool`` hands it to one transfer at a time.
final class CurlConnection {
    private let handle: UnsafeMutableRawPointer
    private let headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let settings: CurlSettings

    /// Creates a handle configured for JSON POSTs to `settings.url`.
    init(settings: CurlSettings) throws(RPCError) {
        guard CurlGlobal.initialised == CURLE_OK, let handle = curl_easy_init() else {
            throw RPCError(.transport, "libcurl could not be initialised; check the libcurl installation")
        }
        self.handle = handle
        self.settings = settings
        errorBuffer = .allocate(capacity: Int(ccurl_error_size))
        errorBuffer.initialize(repeating: 0, count: Int(ccurl_error_size))
        var list: UnsafeMutablePointer<curl_slist>? = nil
        // "Expect:" stops libcurl from waiting for "100 Continue" before sending bodies over 1 KiB.
        for header in ["Content-Type: application/json", "Accept: application/json", "Expect:"] + settings.headers {
            list = curl_slist_append(list, header)
        }
        headerList = list
        var status = CURLE_OK
        func set(_ code: CURLcode) { if status == CURLE_OK { status = code } }
        set(ccurl_setopt_string(handle, CURLOPT_URL, settings.url))
        set(ccurl_setopt_long(handle, CURLOPT_POST, 1))
        set(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list))
        set(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(ccurl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1))
        set(ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1))
        set(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds))
        set(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        set(ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        set(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        set(ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
        set(ccurl_setopt_write_function(handle, curlWriteBody))
        set(ccurl_setopt_header_function(handle, curlReadHeader))
        set(ccurl_setopt_xferinfo_function(handle, curlProgress))
        guard status == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(status))
            curl_easy_cleanup(handle)
            curl_slist_free_all(list)
            errorBuffer.deallocate()
            throw RPCError(.invalidRequest, "libcurl rejected the connection settings for \(settings.url): \(reason)")
        }
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// POSTs `body` and waits for the whole response (blocking the calling thread).
    func post(
        _ body: [UInt8], timeoutMilliseconds: Int, cancellation: CurlCancellationFlag
    ) -> Result<HTTPResponse, RPCError> {
        let transfer = CurlTransfer(limit: settings.maximumResponseBytes, cancellation: cancellation)
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }
        let pointer = context.toOpaque()
        errorBuffer[0] = 0
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, pointer)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, pointer)
        _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, pointer)
        _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, timeoutMilliseconds))
        let code: CURLcode = body.withUnsafeBytes { raw in
            _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
            _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
            defer { _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil) }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { return .failure(error(for: code, transfer: transfer)) }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(
            HTTPResponse(status: status, body: transfer.body, retryAfterSeconds: transfer.retryAfterSeconds))
    }

    private func error(for code: CURLcode, transfer: CurlTransfer) -> RPCError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let target = settings.url
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return RPCError(.connectionFailed, "could not connect to \(target) (\(detail)); is the node running?")
        case CURLE_OPERATION_TIMEDOUT:
            return RPCError(.timeout, "no complete answer from \(target) in time (\(detail)); raise the timeout?")
        case CURLE_ABORTED_BY_CALLBACK:
            return RPCError(.cancelled, "the request to \(target) was cancelled")
        case CURLE_WRITE_ERROR where transfer.overflowed:
            return RPCError(
                .invalidResponse,
                "the response from \(target) exceeds \(settings.maximumResponseBytes) bytes; "
                    + "narrow the request (e.g. a smaller eth_getLogs block range)")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return RPCError(.invalidRequest, "the RPC URL \(target) is not usable (\(detail))")
        default:
            return RPCError(.transport, "the connection to \(target) failed (\(detail))")
        }
    }
}

/// libcurl's write callback: appends body bytes to the transfer, refusing more than its limit.
private func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?
) -> Int {
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    let length = size * count
    guard transfer.body.count + length <= transfer.limit else {
        transfer.overflowed = true
        return 0
    }
    if let data, length > 0 {
        data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            transfer.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        }
    }
    return length
}

/// libcurl's header callback: records `Retry-After` (seconds) and ignores everything else.
private func curlReadHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let user, let data, length > 12 else { return length }
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }
    let lower = line.lowercased()
    if lower.hasPrefix("retry-after:") {
        let value = line.dropFirst("retry-after:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
        transfer.retryAfterSeconds = Double(value)
    }
    return length
}

/// libcurl's progress callback: aborts the transfer once its task is cancelled.
private func curlProgress(
    _ user: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloaded: curl_off_t,
    _ uploadTotal: curl_off_t, _ uploaded: curl_off_t
) -> Int32 {
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    return transfer.cancellation.isCancelled ? 1 : 0
}
