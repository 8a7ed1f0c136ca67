import Foundation
import HTTPTypes
import Hummingbird

extension ServiceDependencies {
    /// `GET /healthz`, `GET /readyz`, `GET /metrics` (no authentication: for orchestrators and Prometheus).
    func addOperationRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/healthz") { _, _ in
            try Self.json(["status": "ok"])
        }
        router.get("/readyz") { _, _ in
            let checks = await readiness.check()
            struct Readiness: Encodable {
                var ready: Bool
                var checks: [CheckResult]
            }
            let ready = checks.allSatisfy(\.ok)
            return try Self.json(Readiness(ready: ready, checks: checks), status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, context in
            do {
                metrics.recordStore(snapshot: try StoreSnapshot.read(from: store))
            } catch {
                context.logger.warning("store gauges not refreshed", metadata: ["error": .string("\(error)")])
            }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16_384)
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    /// The router with every route and the middlewares (request log outermost, then authentication).
    public func makeRouter() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger, metrics: metrics))
        router.add(middleware: AuthenticationMiddleware(authenticator: authenticator))
        addOperationRoutes(to: router)
        addProofRoutes(to: router)
        addSessionRoutes(to: router)
        return router
    }
}
