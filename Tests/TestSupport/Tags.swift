import Testing

/// The tags scripts/test schedules its passes by (scripts/lib/test-passes.sh). A pass tag goes on a top-level suite,
/// never on a single test or a nested suite: "each suite alone" runs whole suites. Untagged suites run in the first
/// pass, in process and in parallel.
extension Tag {
    /// Runs the built binaries (services, mscli): every suite of EndToEndTests, in the end-to-end pass, after the
    /// in-process suites (together, the binaries' load pushed in-process requests past their database deadline).
    @Tag public static var endToEnd: Self
    /// Measures timings of a second or two (drains, outages, throttling windows, failovers) with several processes:
    /// each such suite runs alone, after the parallel passes, so nothing starves it.
    @Tag public static var timed: Self
    /// Loads the machine for long (about a thousand mscli runs, 240 bookings at once): each runs alone.
    @Tag public static var heavy: Self
    /// Drives headless Chromium, which takes most of the machine: its own pass.
    @Tag public static var browser: Self
    /// The RESP client's and the rate limiters' suites, which time windows of a few hundred milliseconds against their
    /// own redis-server processes: one pass of their own.
    @Tag public static var redis: Self
}
