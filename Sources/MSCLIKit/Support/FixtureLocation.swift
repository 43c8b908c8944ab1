import Foundation

/// Where `mscli seed` finds its fixtures when no PATH is given: `$MSCLI_FIXTURES`, else beside the mscli binary
/// (`<bin>/fixtures`, `<bin>/../share/mscli/fixtures` for an installed copy), else the source tree the binary was built
/// in (`.build/<config>/mscli` → `<repo>/fixtures`). Never the current directory: `mscli seed` run from anywhere
/// must not pick up whatever `./fixtures` happens to be there.
enum FixtureLocation {
    static func resolve(explicit: String?, environment: [String: String], executable: URL? = executableURL()) throws -> URL {
        if let named = explicit ?? environment["MSCLI_FIXTURES"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let url = URL(fileURLWithPath: named)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError(
                    "no fixtures directory at \(url.path)" + (explicit == nil ? " (MSCLI_FIXTURES)" : ""), status: .usage)
            }
            return url
        }
        let candidates = candidates(besides: executable)
        if let found = candidates.first(where: isFixtureDirectory) { return found }
        throw CLIError(
            "no fixtures found beside mscli (looked in \(candidates.map(\.path).joined(separator: ", "))); "
                + "pass the fixtures directory as PATH or set MSCLI_FIXTURES", status: .usage)
    }

    static func candidates(besides executable: URL?) -> [URL] {
        guard let executable else { return [] }
        let bin = executable.deletingLastPathComponent()
        var urls = [bin.appendingPathComponent("fixtures"), bin.deletingLastPathComponent().appendingPathComponent("share/mscli/fixtures")]
        // A build tree: .build/<triple>/<config>/mscli or .build/<config>/mscli, the package root holding Package.swift.
        var directory = bin
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                urls.append(directory.appendingPathComponent("fixtures"))
                break
            }
        }
        return urls
    }

    static func isFixtureDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("booking").path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The running binary, symlinks resolved (`/proc/self/exe`), else argv[0].
    static func executableURL() -> URL? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: target)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }
}
