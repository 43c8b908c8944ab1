import ArgumentParser
import BookingService
import Foundation
import SearchClient
import ServiceCore

struct MoviesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "movies",
        abstract: "Manage the movie catalogue.",
        discussion: """
            Reading needs any session; changes need an admin session, or --maintenance with the booking database.

            Examples:
              mscli movies create --title Inception --duration-minutes 148 --genre Sci-Fi \\
                  --language English --release-date 2010-07-16 --rating 8.8 --imax \\
                  --cast "Leonardo DiCaprio,Elliot Page"
              mscli movies list --genre Sci-Fi
            """,
        subcommands: [List.self, Get.self, Create.self, Update.self, Delete.self]
    )
}

enum MovieTables {
    static func rating(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "-" }

    static func single(_ movie: Movie) -> Table {
        Table(fields: [
            ("id", BookingText.id(movie.id)), ("title", movie.title), ("duration_minutes", "\(movie.durationMinutes)"),
            ("genre", BookingText.text(movie.genre)), ("language", BookingText.text(movie.language)),
            ("release_date", BookingText.text(movie.releaseDate)), ("rating", rating(movie.rating)),
            ("director", BookingText.text(movie.director)), ("cast", movie.cast.isEmpty ? "-" : movie.cast.joined(separator: ", ")),
            ("imax", movie.isImax ? "yes" : "no"), ("description", BookingText.text(movie.description)),
            ("poster_url", BookingText.text(movie.posterURL)), ("trailer_url", BookingText.text(movie.trailerURL)),
            ("created_at", Rendering.date(movie.createdAt)), ("updated_at", Rendering.date(movie.updatedAt)),
        ])
    }

    static func list(_ movies: [Movie]) -> Table {
        Table(
            headers: ["ID", "TITLE", "LANGUAGE", "GENRE", "RATING", "RELEASE_DATE"],
            rows: movies.map {
                [BookingText.id($0.id), $0.title, BookingText.text($0.language), BookingText.text($0.genre), rating($0.rating),
                 BookingText.text($0.releaseDate)]
            })
    }
}

/// Checks shared by create and update before anything is sent.
enum MovieChecks {
    static func releaseDate(_ text: String?) throws {
        if let text, !Timestamps.isValidDate(text) { throw ValidationError("--release-date must be a date YYYY-MM-DD, not \(text)") }
    }

    static func rating(_ value: Double?) throws {
        if let value, !(0...10).contains(value) { throw ValidationError("--rating must be from 0 to 10") }
    }

    static func duration(_ value: Int?) throws {
        if let value, !(1...1440).contains(value) { throw ValidationError("--duration-minutes must be from 1 to 1440") }
    }
}

extension MoviesCommand {
    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List movies, oldest first.",
            discussion: """
                Examples:
                  mscli movies list --genre Drama --language English
                  mscli movies list --limit 20 -o json
                """)
        @Option(help: "Only movies whose genre contains this text.") var genre: String?
        @Option(help: "Only movies in this language (any case).") var language: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let movies = try await withBookingBackend(context) {
                try await $0.movies(limit: page.limit, offset: page.offset, genre: genre, language: language)
            }
            try context.output(movies, table: MovieTables.list)
            page.hint(movies.count, context)
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one movie.",
            discussion: """
                Examples:
                  mscli movies get Inception
                """)
        @Argument(help: ArgumentHelp("Movie id or title.", valueName: "movie")) var movieID: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let movie = try await withBookingBackend(context) { try await $0.movie(try await $0.resolve(movieID, as: .movie)) }
            try context.output(movie, table: MovieTables.single)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a movie to the catalogue.",
            discussion: """
                Examples:
                  mscli movies create --title Inception --duration-minutes 148 \\
                      --genre Sci-Fi --release-date 2010-07-16 --rating 8.8 --imax
                """)
        @Option(help: "Title.") var title: String
        @Option(help: "Running time in minutes (1-1440).") var durationMinutes: Int
        @Option(help: "Description.") var description: String?
        @Option(help: "Genre (up to 100 characters).") var genre: String?
        @Option(help: "Director.") var director: String?
        @Option(help: ArgumentHelp("Release date.", valueName: "YYYY-MM-DD")) var releaseDate: String?
        @Option(help: "Rating from 0 to 10.") var rating: Double?
        @Option(help: "Language (up to 50 characters).") var language: String?
        @Flag(help: "Shown in IMAX.") var imax = false
        @Option(name: .customLong("poster-url"), help: "Poster image URL.") var posterURL: String?
        @Option(name: .customLong("trailer-url"), help: "Trailer URL.") var trailerURL: String?
        @Option(help: ArgumentHelp("Cast, comma-separated: \"A,B\".", valueName: "names")) var cast: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try MovieChecks.duration(durationMinutes)
            try MovieChecks.releaseDate(releaseDate)
            try MovieChecks.rating(rating)
        }

        func run(_ context: CommandContext) async throws {
            let input = MovieInput(
                title: title, description: description, durationMinutes: durationMinutes, genre: genre, director: director,
                releaseDate: releaseDate, rating: rating, language: language, isImax: imax, posterURL: posterURL, trailerURL: trailerURL,
                cast: cast.map(BookingText.list))
            let movie = try await withBookingBackend(context) { try await $0.createMovie(input) }
            context.changed("Created movie \(movie.title) (\(BookingText.id(movie.id)))", in: .booking)
            try context.output(movie, table: MovieTables.single)
        }
    }

    struct Update: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a movie: only the fields given are sent.",
            discussion: """
                Examples:
                  mscli movies update Inception --rating 8.9 --no-imax --clear trailer-url
                """)

        static let clearable = ["description", "genre", "director", "release-date", "rating", "language", "poster-url", "trailer-url"]

        @Argument(help: ArgumentHelp("Movie id or title.", valueName: "movie")) var movieID: Reference
        @Option(help: "New title.") var title: String?
        @Option(help: "New running time in minutes (1-1440).") var durationMinutes: Int?
        @Option(help: "New description.") var description: String?
        @Option(help: "New genre.") var genre: String?
        @Option(help: "New director.") var director: String?
        @Option(help: ArgumentHelp("New release date.", valueName: "YYYY-MM-DD")) var releaseDate: String?
        @Option(help: "New rating from 0 to 10.") var rating: Double?
        @Option(help: "New language.") var language: String?
        @Flag(inversion: .prefixedNo, help: "Shown in IMAX, or not.") var imax: Bool?
        @Option(name: .customLong("poster-url"), help: "New poster image URL.") var posterURL: String?
        @Option(name: .customLong("trailer-url"), help: "New trailer URL.") var trailerURL: String?
        @Option(help: ArgumentHelp("New cast, comma-separated (\"\" for none).", valueName: "names")) var cast: String?
        @Option(help: ArgumentHelp("Remove a field: \(clearable.joined(separator: ", ")). Repeatable.", valueName: "field"))
        var clear: [String] = []
        @OptionGroup var global: GlobalOptions

        var changes: [String: JSONValue] {
            var body: [String: JSONValue] = [:]
            body["title"] = title.map(JSONValue.string)
            body["duration_minutes"] = durationMinutes.map(JSONValue.int)
            body["description"] = description.map(JSONValue.string)
            body["genre"] = genre.map(JSONValue.string)
            body["director"] = director.map(JSONValue.string)
            body["release_date"] = releaseDate.map(JSONValue.string)
            body["rating"] = rating.map(JSONValue.double)
            body["language"] = language.map(JSONValue.string)
            body["is_imax"] = imax.map(JSONValue.bool)
            body["poster_url"] = posterURL.map(JSONValue.string)
            body["trailer_url"] = trailerURL.map(JSONValue.string)
            body["cast"] = cast.map { .array(BookingText.list($0).map(JSONValue.string)) }
            for field in clear { body[field.replacingOccurrences(of: "-", with: "_")] = .null }
            return body
        }

        func validate() throws {
            try MovieChecks.duration(durationMinutes)
            try MovieChecks.releaseDate(releaseDate)
            try MovieChecks.rating(rating)
            for field in clear {
                let name = field.replacingOccurrences(of: "_", with: "-")
                guard Self.clearable.contains(name) else {
                    throw ValidationError("--clear \(field): only \(Self.clearable.joined(separator: ", ")) can be removed")
                }
                let key = name.replacingOccurrences(of: "-", with: "_")
                let given: [String: Bool] = [
                    "description": description != nil, "genre": genre != nil, "director": director != nil,
                    "release_date": releaseDate != nil, "rating": rating != nil, "language": language != nil,
                    "poster_url": posterURL != nil, "trailer_url": trailerURL != nil,
                ]
                if given[key] == true { throw ValidationError("--\(name) and --clear \(name) exclude each other") }
            }
            if changes.isEmpty { throw ValidationError("nothing to change: pass at least one field to set or --clear") }
        }

        func run(_ context: CommandContext) async throws {
            let body = changes
            let movie = try await withBookingBackend(context) { try await $0.updateMovie(try await $0.resolve(movieID, as: .movie), body) }
            context.changed("Updated movie \(movie.title) (\(body.keys.sorted().joined(separator: ", ")))", in: .booking)
            try context.output(movie, table: MovieTables.single)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a movie (asks first unless --yes; refused while it has showings).",
            discussion: """
                Examples:
                  mscli movies delete Inception --yes
                """)
        @Argument(help: ArgumentHelp("Movie id or title.", valueName: "movie")) var movieID: Reference
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withBookingBackend(context) { backend in
                let movie = try await backend.movie(try await backend.resolve(movieID, as: .movie))
                try context.console.confirm("Delete movie \(movie.title) (\(BookingText.id(movie.id))) on \(context.target(.booking))?", assumeYes: yes)
                try await backend.deleteMovie(movie.id)
                context.changed("Deleted movie \(movie.title)", in: .booking)
            }
        }
    }
}
