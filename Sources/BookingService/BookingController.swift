import Foundation
import HTTPTypes
import Hummingbird
import IPOScraper
import ServiceCore

/// The booking service's HTTP routes: every route of the seed (with and without the trailing slash), plus what the
/// seed lacked (cancellation, deletes, a seat map, search status). Rules live in ``BookingStore``; this type only
/// speaks HTTP. Every route but `/` needs a session cookie; catalogue writes need an admin.
struct BookingController: Sendable {
    let store: BookingStore
    let search: BookingSearch
    let cache: ListCache
    /// Pages of a user's own bookings, served while their rows are unchanged (``UserListCache``).
    let userLists: UserListCache
    /// Showings' seat maps, each served while the showing's fingerprint is unchanged (every map is read by many users).
    let seatMaps: UserListCache
    let scraper: IPOScraper
    /// The upcoming-IPO page (`IPO_PAGE_URL`).
    let ipoPageURL: String

    static let defaultLimit = 100
    static let maximumLimit = 1000

    func register(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.get, "/", in: table) { _, _ in
            JSONResponse(["message": "Welcome to Booking Service", "status": "running", "docs": "/docs"])
        }
        registerCatalogue(on: router, table: table)
        registerSeats(on: router, table: table)
        registerBookings(on: router, table: table)
        registerScrapes(on: router, table: table)
        router.add(.get, "/booking/search", in: table) { request, context in
            let user = try context.requireUser()
            guard let query = try request.queryText("query", .line(BookingSearch.maximumQueryLength)), !query.isEmpty else {
                throw APIError.invalid(["query", "query"], "Field required", type: "missing")
            }
            let indices = request.uri.queryParameters.getAll("indices").flatMap { $0.split(separator: ",").map(String.init) }
            let (limit, offset) = try page(request, default: 10, maximum: 100)
            let actor = BookingActor(userID: user.id, isAdmin: user.role.isAdmin)
            // SearchAnswer writes its own JSON (the bytes JSONResponse wrote, without Foundation's encoder)
            return try await search.search(query: query, indices: indices, limit: limit, offset: offset, actor: actor, resultsAsJSON: true)
        }
        router.add(.get, "/booking/search/status", in: table) { _, context in
            try requireAdmin(context)
            return JSONResponse(try await search.status())
        }
    }

    private func registerCatalogue(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.post, "/booking/theaters", in: table) { request, context in
            try requireAdmin(context)
            let theater = try await store.createTheater(try await request.decodeJSONBody(TheaterInput.self))
            cache.invalidate()
            return JSONResponse(theater, status: .created)
        }
        router.add(.get, "/booking/theaters", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try page(request)
            let city = try request.queryText("city", .line(100))
            let name = try request.queryText("name", .line(200))
            return try await cachedList(request, limit: limit, offset: offset) {
                try await store.theaters(limit: limit, offset: offset, city: city, name: name)
            }
        }
        router.add(.get, "/booking/theaters/{theater_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await store.theater(try context.parameters.requireUUID("theater_id")))
        }
        router.add(.patch, "/booking/theaters/{theater_id}", in: table) { request, context in
            try requireAdmin(context)
            let id = try context.parameters.requireUUID("theater_id")
            let changes = try FieldSpec.theater.changes(try await request.decodeJSONObject())
            let theater = try await store.updateTheater(id, changes)
            cache.invalidate()
            return JSONResponse(theater)
        }
        router.add(.delete, "/booking/theaters/{theater_id}", in: table) { _, context in
            try requireAdmin(context)
            try await store.deleteTheater(try context.parameters.requireUUID("theater_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }

        router.add(.post, "/booking/movies", in: table) { request, context in
            try requireAdmin(context)
            let movie = try await store.createMovie(try await request.decodeJSONBody(MovieInput.self))
            cache.invalidate()
            return JSONResponse(movie, status: .created)
        }
        router.add(.get, "/booking/movies", in: table) { request, context in
            _ = try context.requireUser()
            let (limit, offset) = try page(request)
            let genre = try request.queryText("genre", .line(100))
            let language = try request.queryText("language", .line(50))
            let title = try request.queryText("title", .line(255))
            return try await cachedList(request, limit: limit, offset: offset) {
                try await store.movies(limit: limit, offset: offset, genre: genre, language: language, title: title)
            }
        }
        router.add(.get, "/booking/movies/{movie_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await store.movie(try context.parameters.requireUUID("movie_id")))
        }
        router.add(.patch, "/booking/movies/{movie_id}", in: table) { request, context in
            try requireAdmin(context)
            let id = try context.parameters.requireUUID("movie_id")
            let changes = try FieldSpec.movie.changes(try await request.decodeJSONObject())
            let movie = try await store.updateMovie(id, changes)
            cache.invalidate()
            return JSONResponse(movie)
        }
        router.add(.delete, "/booking/movies/{movie_id}", in: table) { _, context in
            try requireAdmin(context)
            try await store.deleteMovie(try context.parameters.requireUUID("movie_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }

        router.add(.post, "/booking/showings", in: table) { request, context in
            try requireAdmin(context)
            let showing = try await store.createShowing(try await request.decodeJSONBody(ShowingInput.self))
            cache.invalidate()
            return JSONResponse(showing, status: .created)
        }
        router.add(.get, "/booking/showings", in: table) { request, context in
            let user = try context.requireUser()
            let (limit, offset) = try page(request)
            let filter = try showingFilter(request, isAdmin: user.role.isAdmin)
            return try await cachedList(request, limit: limit, offset: offset) {
                try await store.showings(filter, limit: limit, offset: offset)
            }
        }
        router.add(.get, "/booking/showings/{showing_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await store.showing(try context.parameters.requireUUID("showing_id")))
        }
        router.add(.get, "/booking/showings/{theater_id}/{movie_id}", in: table) { request, context in
            _ = try context.requireUser()
            let filter = ShowingFilter(
                movieID: try context.parameters.requireUUID("movie_id"), theaterID: try context.parameters.requireUUID("theater_id"))
            let (limit, offset) = try page(request)
            return try await cachedList(request, limit: limit, offset: offset) {
                try await store.showings(filter, limit: limit, offset: offset)
            }
        }
        router.add(.patch, "/booking/showings/{showing_id}", in: table) { request, context in
            try requireAdmin(context)
            let id = try context.parameters.requireUUID("showing_id")
            let changes = try FieldSpec.showing.changes(try await request.decodeJSONObject())
            let showing = try await store.updateShowing(id, changes)
            cache.invalidate()
            return JSONResponse(showing)
        }
        router.add(.put, "/booking/prices/{showing_id}", in: table) { request, context in
            try requireAdmin(context)
            let id = try context.parameters.requireUUID("showing_id")
            let body = try await request.decodeJSONBody(ShowingPricesInput.self)
            let showing = try await store.setShowingPrices(id, body.prices)
            cache.invalidate()
            return JSONResponse(showing)
        }
        router.add(.delete, "/booking/showings/{showing_id}", in: table) { _, context in
            try requireAdmin(context)
            try await store.deleteShowing(try context.parameters.requireUUID("showing_id"))
            cache.invalidate()
            return Response(status: .noContent)
        }
    }

    private func registerSeats(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.post, "/booking/seats/{theater_id}/initialize", in: table) { request, context in
            try requireAdmin(context)
            let theater = try context.parameters.requireUUID("theater_id")
            let layout = try seatLayout(request)
            let replace = try request.queryBool("replace", default: false)
            return JSONResponse(try await store.initializeSeats(theater: theater, layout: layout, replace: replace), status: .created)
        }
        router.add(.get, "/booking/seats/{theater_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await store.seats(theater: try context.parameters.requireUUID("theater_id")))
        }
        router.add(.delete, "/booking/seats/{seat_id}", in: table) { _, context in
            try requireAdmin(context)
            try await store.deleteSeat(try context.parameters.requireUUID("seat_id"))
            return Response(status: .noContent)
        }
    }

    private func registerBookings(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.post, "/booking/bookings", in: table) { request, context in
            let user = try context.requireUser()
            let body = try await request.decodeJSONBody(BookingInput.self)
            return JSONResponse(try await store.createBooking(body, by: user.id), status: .created)
        }
        router.add(.get, "/booking/bookings", in: table) { request, context in
            let user = try context.requireUser()
            let (limit, offset) = try page(request)
            let requested = try request.queryUUID("user_id")
            if let requested, requested != user.id, !user.role.isAdmin {
                throw APIError.forbidden("Only admins list other users' bookings")
            }
            // Admins see everyone's bookings unless they name one user; everyone else sees their own.
            let owner: UUID? = user.role.isAdmin ? requested : user.id
            let number = try request.queryText("booking_number", .line(20))
            if let owner, number == nil, userLists.isEnabled {
                return try await PagedList.ownList(
                    userLists, key: owner.lowercasedString, request: request, limit: limit, offset: offset,
                    fingerprint: { try await store.bookingsFingerprint(of: owner, limit: limit, offset: offset) },
                    fetch: { try await store.ownBookings(of: owner, limit: limit, offset: offset) })
            }
            return listResponse(
                try await store.bookings(of: owner, limit: limit, offset: offset, number: number), request: request, limit: limit, offset: offset)
        }
        router.add(.get, "/booking/bookings/{booking_id}", in: table) { _, context in
            let actor = try actor(context)
            return JSONResponse(try await store.booking(try context.parameters.requireUUID("booking_id"), for: actor))
        }
        router.add(.post, "/booking/bookings/{booking_id}/cancel", in: table) { _, context in
            let actor = try actor(context)
            return JSONResponse(try await store.cancelBooking(try context.parameters.requireUUID("booking_id"), by: actor))
        }

        router.add(.post, "/booking/booking_seats", in: table) { request, context in
            try requireAdmin(context)
            let body = try await request.decodeJSONBody(BookingSeatInput.self)
            return JSONResponse(try await store.addBookingSeat(body), status: .created)
        }
        router.add(.post, "/booking/booking_seats/lock", in: table) { request, context in
            let user = try context.requireUser()
            let body = try await request.decodeJSONBody(HoldInput.self)
            return JSONResponse(try await store.hold(body, by: user.id), status: .created)
        }
        router.add(.get, "/booking/booking_seats/{showing_id}", in: table) { _, context in
            _ = try context.requireUser()
            return JSONResponse(try await store.availability(showing: try context.parameters.requireUUID("showing_id")))
        }
        router.add(.get, "/booking/booking_seats/{showing_id}/map", in: table) { request, context in
            _ = try context.requireUser()
            let showing = try context.parameters.requireUUID("showing_id")
            guard seatMaps.isEnabled else {
                return try JSONResponse(try await store.seatMap(showing: showing)).response(from: request, context: context)
            }
            return try await seatMap(showing)
        }
        router.add(.delete, "/booking/booking_seats/{booking_seat_id}", in: table) { _, context in
            let actor = try actor(context)
            try await store.releaseBookingSeat(try context.parameters.requireUUID("booking_seat_id"), by: actor)
            return Response(status: .noContent)
        }
    }

    /// The seed's public IPO scraper route, over HTTP and libxml2 instead of a browser, and its stored history.
    private func registerScrapes(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.get, "/booking/scrap/upcoming_ipos", in: table) { request, _ in
            // The seed's other parameters (max_clicks, debug, use_gemini, gemini_model) are accepted and ignored.
            let includeHTML = try request.queryBool("include_html", default: false)
            let cleanHTML = try request.queryBool("clean_html", default: true)
            do {
                let outcome = try await store.scrape(.url(ipoPageURL), with: scraper, includeHTML: includeHTML, cleanHTML: cleanHTML)
                return JSONResponse(UpcomingIPOs(outcome))
            } catch let error as ScrapeError {
                // The page could not be had, or is not the page we know: either way the upstream failed us.
                throw APIError(.badGateway, "Scraping upcoming IPOs failed: \(error.publicSummary)")
            }
        }
        router.add(.get, "/booking/scrap/runs", in: table) { request, context in
            try requireAdmin(context)
            let (limit, offset) = try page(request, default: 20)
            return try listResponse(try await store.scrapeRuns(limit: limit, offset: offset), request: request, limit: limit, offset: offset)
        }
        router.add(.get, "/booking/scrap/runs/{run_id}/diff", in: table) { _, context in
            try requireAdmin(context)
            guard let raw = context.parameters.get("run_id"), let id = Int64(raw), id > 0 else {
                throw APIError.invalid(["path", "run_id"], "Input should be a positive integer", type: "int_parsing")
            }
            return JSONResponse(try await store.scrapeDiff(id))
        }
    }

    // MARK: helpers

    private func actor(_ context: ServiceRequestContext) throws -> BookingActor {
        let user = try context.requireUser()
        return BookingActor(userID: user.id, isAdmin: user.role.isAdmin)
    }

    private func requireAdmin(_ context: ServiceRequestContext) throws {
        guard try context.requireUser().role.isAdmin else {
            throw APIError.forbidden("This action needs the admin role")
        }
    }

    private func page(_ request: Request, default value: Int = defaultLimit, maximum: Int = maximumLimit) throws -> (Int, Int) {
        try PagedList.page(request, default: value, maximum: maximum)
    }

    private func showingFilter(_ request: Request, isAdmin: Bool) throws -> ShowingFilter {
        var filter = try ShowingFilter(
            movieID: try request.queryUUID("movie_id"), theaterID: try request.queryUUID("theater_id"),
            date: try request.queryText("date", .name(10)), timeZone: try request.queryText("tz", .name(64)))
        if try request.queryBool("include_expired", default: false) {
            guard isAdmin else { throw APIError.forbidden("include_expired needs the admin role") }
            filter.includeExpired = true
        }
        return filter
    }

    private func seatLayout(_ request: Request) throws -> SeatLayout {
        let rows = try request.queryInt("rows", default: 15, range: SeatLayout.rowRange)
        let perRow = try request.queryInt("seats_per_row", default: 9, range: SeatLayout.seatsPerRowRange)
        var types: [String: SeatType] = [:]
        for type in [SeatType.premium, .vip, .recliner] {
            for label in try request.queryText("\(type.rawValue)_rows", .line(400)).map({ $0.split(separator: ",") }) ?? [] {
                let trimmed = label.trimmingCharacters(in: .whitespaces).uppercased()
                if let other = types[trimmed], other != type {
                    throw APIError.invalid(["query", "\(type.rawValue)_rows"], "row \(trimmed) is also listed as \(other.rawValue)")
                }
                types[trimmed] = type
            }
        }
        return SeatLayout(rows: rows, seatsPerRow: perRow, rowTypes: types)
    }

    private func cachedList<Item: Encodable & Sendable>(
        _ request: Request, limit: Int, offset: Int, fetch: @escaping @Sendable () async throws -> [Item]
    ) async throws -> Response {
        try await PagedList.cached(cache, request: request, limit: limit, offset: offset, fetch: fetch)
    }

    /// A showing's seat map from ``seatMaps`` while the showing's fingerprint is the one the kept map was read with,
    /// else read (with its fingerprint, in one statement), encoded and kept: the same bytes as the map encoded afresh.
    private func seatMap(_ showing: UUID) async throws -> Response {
        let answer = try await seatMaps.answer(
            for: showing.lowercasedString, current: { try await store.seatMapFingerprint(showing: showing) }
        ) {
            let (map, fingerprint) = try await store.seatMapWithFingerprint(showing: showing)
            return (ListCache.Answer(body: ByteBuffer(bytes: map.jsonBytes()), count: map.count), fingerprint)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: answer.body))
    }

    private func listResponse<Item: Encodable & Sendable>(_ items: [Item], request: Request, limit: Int, offset: Int) throws -> Response {
        try PagedList.response(items, request: request, limit: limit, offset: offset)
    }

    private func listResponse<Item: JSONWritable & Sendable>(_ items: [Item], request: Request, limit: Int, offset: Int) -> Response {
        PagedList.response(items, request: request, limit: limit, offset: offset)
    }
}

extension SeatsUnavailable: HTTPResponseError {
    public var status: HTTPResponse.Status { .conflict }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONCoding.encode(SeatsUnavailableBody(detail: detail, unavailableSeats: seatIDs.map { $0.lowercasedString }))
        return Response(
            status: .conflict, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

private struct SeatsUnavailableBody: Encodable {
    let detail: String
    let unavailableSeats: [String]

    enum CodingKeys: String, CodingKey {
        case detail
        case unavailableSeats = "unavailable_seats"
    }
}

/// The seed's answer (`success`, `count`, `ipos`, `html` when asked for), plus the stored run's id, source and time.
struct UpcomingIPOs: Encodable, Sendable {
    let success = true
    let count: Int
    let ipos: [IPORow]
    let html: String?
    let runID: Int64
    let source: String
    let scrapedAt: Date

    init(_ outcome: ScrapeOutcome) {
        count = outcome.page.rows.count
        ipos = outcome.page.rows
        html = outcome.page.sectionHTML
        runID = outcome.run.id
        source = outcome.run.source
        scrapedAt = outcome.run.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case success, count, ipos, html, source
        case runID = "run_id", scrapedAt = "scraped_at"
    }
}
