import NIOCore
import NIOPosix

/// A TCP listener on 127.0.0.1 that accepts connections and never answers, to test timeouts.
public struct SilentServer: Sendable {
    private let channel: any Channel

    public var port: Int { self.channel.localAddress!.port! }

    public static func start() async throws -> SilentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return SilentServer(channel: channel)
    }

    public func stop() async {
        try? await self.channel.close()
    }
}

/// Runs `body` with a silent server that is stopped afterwards, whether `body` returns or throws.
public func withSilentServer<T>(_ body: (SilentServer) async throws -> T) async throws -> T {
    let server = try await SilentServer.start()
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
