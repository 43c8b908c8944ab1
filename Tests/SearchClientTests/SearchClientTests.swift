import AsyncHTTPClient
import Foundation
import NIOCore
import SearchClient
import ServiceCore
import Testing
import TestSupport

/// The client against the OpenSearch-compatible server `scripts/test` starts (SEARCH_URL); every test uses indices
/// of its own and deletes them.
@Suite struct SearchClientTests {
    @Test func searchURLIsConfigured() throws {
        // Fails (not skips) when the tests are run without the server: the message says how to run them.
        _ = try SearchServer.url()
    }

    @Test func info() async throws {
        let info = try await SearchServer.withClient { try await $0.info() }
        #expect(info.distribution == "opensearch" || info.distribution == "elasticsearch")
        #expect(info.version.split(separator: ".").count >= 2)
        #expect(info.version.first?.isNumber == true)
    }

    @Test func createExistsAndDeleteIndex() async throws {
        try await SearchServer.withIndices("lifecycle") { client, names in
            let index = names[0]
            #expect(try await client.indexExists(index) == false)
            try await client.createIndex(index, settingsAndMappings: movieMappings)
            #expect(try await client.indexExists(index))
            #expect(try await client.count(index) == 0)

            // creating it again is the server's resource_already_exists_exception
            do {
                try await client.createIndex(index, settingsAndMappings: movieMappings)
                Issue.record("creating an existing index succeeded")
            } catch SearchError.server(let status, let type, let reason) {
                #expect(status == 400)
                #expect(type == "resource_already_exists_exception")
                #expect(reason.contains(index))
            }

            #expect(try await client.indices(matching: index) == [IndexInfo(name: index, documentCount: 0)])
            #expect(try await client.deleteIndex(index))
            #expect(try await client.indexExists(index) == false)
            #expect(try await client.deleteIndex(index) == false)
            #expect(try await client.indices(matching: index) == [])
        }
    }

    @Test func aliasesAddSwapAndRemoveIndexAtomically() async throws {
        try await SearchServer.withIndices("alias", count: 3) { client, names in
            let (old, new, newer) = (names[0], names[1], names[2])
            let alias = SearchServer.aliasName("movies")
            for name in names { try await client.createIndex(name, settingsAndMappings: movieMappings) }

            #expect(try await client.aliasTargets(alias) == [])
            try await client.updateAliases([.add(index: old, alias: alias)])
            #expect(try await client.aliasTargets(alias) == [old])
            #expect(try await client.indexExists(alias))  // HEAD answers for an alias too

            // the swap: one request, no moment where the alias points at nothing or at both
            try await client.updateAliases([.remove(index: old, alias: alias), .add(index: new, alias: alias)])
            #expect(try await client.aliasTargets(alias) == [new])

            // a request with a failing action changes nothing
            do {
                try await client.updateAliases([.remove(index: new, alias: alias), .add(index: old + "-missing", alias: alias)])
                Issue.record("alias action on a missing index succeeded")
            } catch SearchError.server(let status, let type, _) {
                #expect(status == 404)
                #expect(type == "index_not_found_exception")
            }
            #expect(try await client.aliasTargets(alias) == [new])

            // move the alias and drop the index it left, in one request
            try await client.updateAliases([.add(index: newer, alias: alias), .removeIndex(new)])
            #expect(try await client.aliasTargets(alias) == [newer])
            #expect(try await client.indexExists(new) == false)

            // both indices of a pattern, with their counts
            let listed = try await client.indices(matching: String(old.dropLast()) + "*")
            #expect(listed.map(\.name) == [old, newer])
            #expect(listed.allSatisfy { $0.documentCount == 0 })
            #expect(try await client.indices(matching: "sct-nothing-matches-\(UUID().uuidString.lowercased())*") == [])
        }
    }

    @Test func bulkIndexesTwoThousandDocuments() async throws {
        try await SearchServer.withIndices("bulk") { client, names in
            let index = names[0]
            try await client.createIndex(index, settingsAndMappings: movieMappings)
            var body = BulkBody()
            for i in 0..<2000 {
                if i.isMultiple(of: 2) {
                    body.index(
                        index, id: String(i),
                        document: [
                            "title": .string("Movie number \(i)"), "genre": i.isMultiple(of: 4) ? "drama" : "comedy", "year": .int(1950 + i % 70),
                            "rating": .double(Double(i % 100) / 10),
                        ])
                } else {
                    // pre-encoded sources, as a reindex from the database sends them
                    let source: JSONValue = ["title": .string("Film \(i) \"quoted\" ü"), "genre": "comedy", "year": .int(1990)]
                    body.index(index, id: String(i), documentJSON: source.encoded())
                }
            }
            #expect(body.operationCount == 2000)
            let result = try await client.bulk(body, refresh: true)
            #expect(result.itemCount == 2000)
            #expect(result.failures.isEmpty, "\(result.failures.prefix(3))")
            #expect(result.tookMilliseconds >= 0)

            #expect(try await client.count(index) == 2000)
            #expect(try await client.count(index, query: ["term": ["genre": "drama"]]) == 500)
            #expect(try await client.count(index, query: ["query": ["term": ["genre": "comedy"]]]) == 1500)
            #expect(try await client.indices(matching: index).first?.documentCount == 2000)

            // re-indexing the same ids replaces, deleting removes
            body.removeAll()
            body.index(index, id: "0", document: ["title": "Replaced", "genre": "drama", "year": 2000])
            body.delete(index, id: "1")
            let second = try await client.bulk(body)
            #expect(second.failures.isEmpty)
            try await client.refresh(index)
            #expect(try await client.count(index) == 1999)
        }
    }

    @Test func bulkDeleteOfMissingDocumentIsNoFailure() async throws {
        try await SearchServer.withIndices("bulkdelete") { client, names in
            let index = names[0]
            try await client.createIndex(index, settingsAndMappings: movieMappings)
            var body = BulkBody()
            body.index(index, id: "a", document: ["title": "Alien", "year": 1979])
            body.delete(index, id: "never-existed")
            body.delete(index, id: "a")
            let result = try await client.bulk(body, refresh: true)
            #expect(result.itemCount == 3)
            #expect(result.failures.isEmpty, "\(result.failures)")
            #expect(try await client.count(index) == 0)
            // an empty body sends nothing
            let empty = try await client.bulk(BulkBody())
            #expect(empty.itemCount == 0 && empty.failures.isEmpty)
        }
    }

    @Test func bulkItemFailureIsReported() async throws {
        try await SearchServer.withIndices("bulkfail") { client, names in
            let index = names[0]
            try await client.createIndex(index, settingsAndMappings: movieMappings)
            var body = BulkBody()
            body.index(index, id: "ok-1", document: ["title": "Brazil", "year": 1985])
            body.index(index, id: "bad", document: ["title": "Broken", "year": "not-a-number"])
            body.index(index, id: "ok-2", document: ["title": "Metropolis", "year": 1927])
            let result = try await client.bulk(body, refresh: true)
            #expect(result.itemCount == 3)
            try #require(result.failures.count == 1, "\(result.failures)")
            let failure = result.failures[0]
            #expect(failure.operation == "index")
            #expect(failure.index == index)
            #expect(failure.id == "bad")
            #expect(failure.status == 400)
            #expect(failure.type == "mapper_parsing_exception")
            #expect(failure.reason?.contains("year") == true)
            #expect(failure.description.contains("bad"))
            #expect(try await client.count(index) == 2)
        }
    }

    @Test func fuzzyMultiMatchFindsMisspeltTitle() async throws {
        try await SearchServer.withIndices("fuzzy") { client, names in
            let index = names[0]
            try await client.createIndex(index, settingsAndMappings: movieMappings)
            var body = BulkBody()
            let titles = ["The Godfather", "Casablanca", "Spirited Away", "Seven Samurai", "Vertigo", "Parasite"]
            for (i, title) in titles.enumerated() {
                body.index(index, id: "m\(i)", document: ["title": .string(title), "genre": "drama", "year": .int(1950 + i), "rating": 8.5])
            }
            _ = try await client.bulk(body, refresh: true)

            let response = try await client.search(
                indices: [index],
                body: [
                    "query": ["multi_match": ["query": "Godfater", "fields": ["title^2", "genre"], "fuzziness": "AUTO"]],
                    "size": 5,
                ])
            #expect(response.total >= 1)
            let hit = try #require(response.hits.first)
            #expect(hit.index == index)
            #expect(hit.id == "m0")
            #expect((hit.score ?? 0) > 0)
            #expect(hit.source["title"] == "The Godfather")
            #expect(hit.source["year"] == .int(1950))
            #expect(hit.source["rating"] == .double(8.5))

            let casablanca = try await client.search(
                indices: [index], body: ["query": ["multi_match": ["query": "casablanka", "fields": ["title"], "fuzziness": "AUTO"]]])
            #expect(casablanca.hits.map(\.id) == ["m1"])

            let none = try await client.search(indices: [index], body: ["query": ["match": ["title": "zzzzzzzz"]]])
            #expect(none.total == 0 && none.hits.isEmpty)
        }
    }

    @Test func searchThroughAliasAndUnavailableIndices() async throws {
        try await SearchServer.withIndices("searchalias") { client, names in
            let index = names[0]
            let alias = SearchServer.aliasName("search")
            try await client.createIndex(index, settingsAndMappings: movieMappings)
            try await client.updateAliases([.add(index: index, alias: alias)])
            var body = BulkBody()
            body.index(index, id: "x", document: ["title": "Stalker", "year": 1979])
            _ = try await client.bulk(body, refresh: true)

            let viaAlias = try await client.search(indices: [alias], body: ["query": ["match": ["title": "stalker"]]])
            #expect(viaAlias.hits.map(\.id) == ["x"])
            #expect(viaAlias.hits.first?.index == index)  // the physical index, not the alias
            #expect(try await client.count(alias) == 1)

            // a missing index is skipped with ignoreUnavailable, an error without it
            let missing = index + "-missing"
            let skipped = try await client.search(indices: [alias, missing], body: ["query": ["match_all": [:]]])
            #expect(skipped.total == 1)
            let onlyMissing = try await client.search(indices: [missing], body: ["query": ["match_all": [:]]])
            #expect(onlyMissing.total == 0 && onlyMissing.hits.isEmpty)
            do {
                _ = try await client.search(indices: [alias, missing], body: ["query": ["match_all": [:]]], ignoreUnavailable: false)
                Issue.record("search of a missing index without ignoreUnavailable succeeded")
            } catch SearchError.server(let status, let type, let reason) {
                #expect(status == 404)
                #expect(type == "index_not_found_exception")
                #expect(reason.contains(missing))
            }
        }
    }

    @Test func serverErrorsCarryTypeAndReason() async throws {
        try await SearchServer.withClient { client in
            let missing = "sct-missing-\(UUID().uuidString.lowercased())"
            do {
                _ = try await client.count(missing)
                Issue.record("count of a missing index succeeded")
            } catch let error as SearchError {
                guard case .server(404, "index_not_found_exception", let reason) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(reason.contains(missing))
                #expect(error.description.hasPrefix("search server answered 404 index_not_found_exception: "))
            }
            #expect(try await client.aliasTargets(missing) == [])
            #expect(try await client.indices(matching: missing) == [])
            await #expect(throws: SearchError.self) { try await client.refresh(missing) }
        }
    }

    @Test(.timeLimit(.minutes(1))) func closedPortIsUnreachableAndFailsFast() async throws {
        let port = ProcessRunner.freePort()  // bound, read back and closed: nothing listens on it
        let url = "http://127.0.0.1:\(port)"
        let started = ContinuousClock.now
        try await SearchServer.withClient(url: url, requestTimeout: .seconds(5)) { client in
            #expect(client.baseURL == url)
            do {
                _ = try await client.info()
                Issue.record("a closed port answered")
            } catch SearchError.unreachable(let detail) {
                #expect(detail.contains("127.0.0.1:\(port)"))
                #expect(detail.contains("connection refused"), "\(detail)")
            }
            // a search and a bulk fail the same way
            await #expect(throws: SearchError.self) {
                _ = try await client.search(indices: ["x"], body: ["query": ["match_all": [:]]])
            }
            var body = BulkBody()
            body.delete("x", id: "1")
            do {
                _ = try await client.bulk(body)
                Issue.record("bulk to a closed port succeeded")
            } catch let error as SearchError {
                guard case .unreachable = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(error.description.contains("unreachable"))
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func trailingSlashInBaseURLIsIgnored() async throws {
        let url = try SearchServer.url()
        try await SearchServer.withClient(url: url + "/") { client in
            #expect(client.baseURL == url)
            _ = try await client.info()
        }
    }
}
