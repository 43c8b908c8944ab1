import AsyncHTTPClient
import Foundation

extension HTTPClient {
    /// One page of the auth service's session revocation feed (booking and food poll it).
    public func revocations(_ feed: RevocationFeedRequest, after cursor: Int64) async throws -> RevocationBatch {
        var request = HTTPClientRequest(url: feed.url(after: cursor))
        request.headers.add(name: RevocationFeedRequest.keyHeader, value: feed.serviceKey)
        let response = try await execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 16 << 20)
        return try feed.decode(status: Int(response.status.code), body: Data(buffer: body))
    }
}
