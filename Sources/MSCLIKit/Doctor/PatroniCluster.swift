import Foundation

/// Patroni's view of a highly available PostgreSQL (`GET /cluster` on any member's REST API: scripts/ha-cluster's
/// PATRONI_URLS), and the `mscli doctor` lines made from it: the cluster (who leads, whether a synchronous standby
/// holds every commit too) and each member (role, state, timeline, replication lag).
struct PatroniCluster: Decodable, Sendable, Equatable {
    struct Member: Decodable, Sendable, Equatable {
        var name: String
        var role: String
        var state: String
        var host: String?
        var port: Int?
        var timeline: Int?
        /// Bytes of WAL the member is behind the leader; nil when Patroni does not know ("unknown") or for the leader.
        var lagBytes: Int?

        enum CodingKeys: String, CodingKey { case name, role, state, host, port, timeline, lag }

        init(name: String, role: String, state: String, host: String? = nil, port: Int? = nil, timeline: Int? = nil, lagBytes: Int? = nil) {
            (self.name, self.role, self.state, self.host, self.port, self.timeline, self.lagBytes) = (name, role, state, host, port, timeline, lagBytes)
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            role = try c.decode(String.self, forKey: .role)
            state = try c.decodeIfPresent(String.self, forKey: .state) ?? "unknown"
            host = try c.decodeIfPresent(String.self, forKey: .host)
            port = try c.decodeIfPresent(Int.self, forKey: .port)
            timeline = try c.decodeIfPresent(Int.self, forKey: .timeline)
            // Patroni writes the lag as a number of bytes, or "unknown" while it cannot tell.
            lagBytes = try? c.decodeIfPresent(Int.self, forKey: .lag)
        }

        var isLeader: Bool { ["leader", "master", "primary", "standby_leader"].contains(role) }
        /// Patroni 3.0 says `running` for a replica that streams; later versions say `streaming`.
        var isUp: Bool { ["running", "streaming"].contains(state) }
        var address: String { host.map { "\($0):\(port.map(String.init) ?? "?")" } ?? "?" }
    }

    var members: [Member]

    /// A replica further behind than this is a warning (Patroni's own default `maximum_lag_on_failover`: 1 MiB; a
    /// replica behind it may not be promoted).
    static let lagWarningBytes = 1 << 20

    /// The environment variable that names the members' REST APIs (comma-separated), as scripts/ha-cluster writes it.
    static let urlsVariable = "PATRONI_URLS"

    /// The doctor's lines for the cluster, then one per member.
    static func checks(_ cluster: PatroniCluster, source: String) -> [DoctorCheck] {
        let leaders = cluster.members.filter { $0.isLeader && $0.isUp }
        let replicas = cluster.members.filter { !$0.isLeader }
        let sync = replicas.filter { $0.role == "sync_standby" && $0.isUp }
        var checks: [DoctorCheck] = []
        let fix = "see the members' Patroni logs (`patronictl -c patroni.yml list`; scripts/ha-cluster status)"
        if leaders.count == 1, let leader = leaders.first {
            let summary =
                "\(leader.name) leads at \(leader.address) (timeline \(leader.timeline.map(String.init) ?? "?")); "
                + "\(replicas.filter(\.isUp).count) of \(replicas.count) replica(s) up (Patroni at \(source))"
            if replicas.isEmpty {
                checks.append(.ok("postgres cluster", summary))
            } else if sync.isEmpty {
                checks.append(
                    .warn("postgres cluster", summary + "; no synchronous standby: a commit is on the leader only until one is back", fix: fix))
            } else {
                checks.append(.ok("postgres cluster", summary + "; synchronous standby \(sync.map(\.name).joined(separator: ", "))"))
            }
        } else if leaders.isEmpty {
            checks.append(.fail("postgres cluster", "no running leader among \(cluster.members.count) member(s): writes fail until Patroni promotes one", fix: fix))
        } else {
            checks.append(.fail("postgres cluster", "\(leaders.count) leaders (\(leaders.map(\.name).joined(separator: ", "))): split brain", fix: fix))
        }
        let leaderTimeline = leaders.first?.timeline
        for member in cluster.members.sorted(by: { $0.name < $1.name }) {
            let name = "postgres \(member.name)"
            var detail = "\(member.role), \(member.state) at \(member.address), timeline \(member.timeline.map(String.init) ?? "?")"
            if member.isLeader {
                checks.append(member.isUp ? .ok(name, detail) : .fail(name, detail, fix: fix))
                continue
            }
            detail += ", lag " + (member.lagBytes.map(bytes) ?? "unknown")
            if !member.isUp {
                checks.append(.warn(name, detail, fix: fix))
            } else if let lag = member.lagBytes, lag > lagWarningBytes {
                checks.append(.warn(name, detail + " (more than \(bytes(lagWarningBytes)) behind)", fix: "is the replica's disk or network slow? " + fix))
            } else if member.lagBytes == nil {
                checks.append(.warn(name, detail, fix: fix))
            } else if let leaderTimeline, let timeline = member.timeline, timeline != leaderTimeline {
                checks.append(.warn(name, detail + " (the leader is on timeline \(leaderTimeline))", fix: fix))
            } else {
                checks.append(.ok(name, detail))
            }
        }
        return checks
    }

    static func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : count < 1 << 20 ? String(format: "%.1f KiB", Double(count) / 1024) : String(format: "%.1f MiB", Double(count) / 1_048_576)
    }
}

extension DoctorProbes {
    /// The PostgreSQL cluster's members from Patroni, when PATRONI_URLS names them; nothing otherwise (a single
    /// PostgreSQL has no cluster to show).
    func postgresCluster(_ urls: [String]) async -> [DoctorCheck] {
        guard !urls.isEmpty else { return [] }
        let start = ContinuousClock.now
        guard let (cluster, source) = await patroniCluster(urls) else {
            return [
                .fail(
                    "postgres cluster", "no Patroni REST API answered at \(urls.joined(separator: ", "))",
                    fix: "are the Patroni members running? (scripts/ha-cluster status; \(PatroniCluster.urlsVariable))")
            ]
        }
        var checks = PatroniCluster.checks(cluster, source: source)
        checks[0].durationMs = Self.milliseconds(since: start)
        return checks
    }

    /// The cluster from the first of `urls` that answers `GET /cluster` (any member knows the whole cluster).
    func patroniCluster(_ urls: [String]) async -> (cluster: PatroniCluster, source: String)? {
        for url in urls {
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            guard let (status, body) = try? await fetch(base + "/cluster"), status == 200,
                let cluster = try? JSONDecoder().decode(PatroniCluster.self, from: body)
            else { continue }
            return (cluster, base)
        }
        return nil
    }
}
