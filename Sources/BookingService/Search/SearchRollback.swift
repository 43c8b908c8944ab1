import Foundation
import PostgresNIO
import SearchClient

/// Why `mscli reindex rollback` changed nothing.
public struct SearchRollbackRefused: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension SearchReindexer {
    /// What a rollback did: the alias left `from` for `to`, which holds `documents` documents.
    public struct RollbackReport: Codable, Sendable, Equatable {
        public var index: String
        public var from: [String]
        public var to: String
        public var documents: Int
    }

    /// Points the alias back at the index the last `reindex --keep-old` kept: the newest physical index of this alias
    /// that is older than the live one. (Newer ones not behind the alias are leftovers of interrupted runs, never
    /// complete, and are not candidates.) One atomic `_aliases` request; the live index stays, so the rollback can be
    /// undone by the next reindex. Holds the reindex lock, so it never races a reindex.
    ///
    /// Changes written since that reindex reached only the live index; the old one lacks them until the next reindex.
    public func rollback(_ index: SearchIndex) async throws -> RollbackReport {
        try await withReindexLock(index) { _ in try await rollbackLocked(index) }
    }

    private func rollbackLocked(_ index: SearchIndex) async throws -> RollbackReport {
        let current = try await engine.aliasTargets(index.name)
        guard let live = current.max() else {
            throw SearchRollbackRefused(description: "\(index.name): the alias points at no index; run `mscli reindex \(index.name)`")
        }
        let kept = try await engine.indices(matching: index.name + "_*").map(\.name)
            .filter { index.owns(physical: $0) && !current.contains($0) && $0 < live }
        guard let target = kept.max() else {
            throw SearchRollbackRefused(
                description: "\(index.name): no earlier index was kept (only `mscli reindex --keep-old` keeps one); the alias stays on \(live)")
        }
        try await engine.updateAliases(current.map { .remove(index: $0, alias: index.name) } + [.add(index: target, alias: index.name)])
        logger.notice("alias rolled back", metadata: ["alias": "\(index.name)", "index": "\(target)"])
        return RollbackReport(index: index.name, from: current, to: target, documents: try await engine.count(target))
    }
}
