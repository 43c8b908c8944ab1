import ArgumentParser
import MSCLIKit

/// `mscli`: the command line is read by ``CommandLineParser`` (global options before the subcommand, "did you mean"),
/// then the command runs as ArgumentParser would run it.
@main
enum MSCLIEntry {
    static func main() async {
        await CommandLineParser.main()
    }
}
