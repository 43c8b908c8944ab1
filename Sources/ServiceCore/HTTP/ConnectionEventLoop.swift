import HummingbirdCore
import Logging
import NIOCore

/// Runs a task's jobs on one NIO event loop: Swift's task executor preference (SE-0417) with the loop as the executor.
///
/// Why: a connection's task otherwise runs on Swift's global executor, and each request crosses threads four times:
/// the request arrives (event loop to pool), a query is written (pool to the database connection's loop), its answer
/// resumes the handler (loop to pool), the response is written (pool to the loop). Each crossing is a queue and
/// often a thread wake-up. On the channel's own loop the request and response hops are gone, and a query answered by a
/// connection on the same loop resumes without leaving the thread. `scripts/bench-driver` measured the query side
/// alone: 22–24 µs of client CPU per query with the awaiting task on the connection's loop against 29–37 µs without;
/// through a whole service (`wrk -t2 -c32`, CPU per request from `/proc`), a user's 10 bookings took 211–219 µs of
/// service CPU on the loop against 278–313 µs on the pool, and `user_details` 81–102 µs against 98–105 µs.
///
/// The cost is the rule every NIO server lives by: nothing that blocks may run on the loop. bcrypt runs on
/// `NIOThreadPool` (``PasswordHasher``); the services do no other blocking work in a handler.
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    /// The executor the current connection's task prefers, for the unstructured tasks it starts (a `Task {}` does not
    /// inherit a task executor preference; a task-local value is inherited). nil outside a connection.
    @TaskLocal public static var current: EventLoopTaskExecutor?

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A server child channel whose connections are each handled on their channel's event loop
/// (``EventLoopTaskExecutor``). Every service's HTTP server is one (``HTTPServerBuilder/serviceHTTP1()``, and the
/// food service's WebSocket-upgrading server).
public struct OnConnectionEventLoop<Base: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Base.Value
    public let base: Base

    public init(_ base: Base) {
        self.base = base
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    public func handle(value: Value, logger: Logger) async {
        let executor = EventLoopTaskExecutor(value.channel.eventLoop)
        await withTaskExecutorPreference(executor) {
            await EventLoopTaskExecutor.$current.withValue(executor) {
                await base.handle(value: value, logger: logger)
            }
        }
    }
}
