extension Duration {
    /// The duration as fractional seconds, for reports and rates.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
