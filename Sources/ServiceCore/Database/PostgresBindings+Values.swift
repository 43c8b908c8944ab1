import PostgresNIO

extension PostgresBindings {
    /// The bindings of a prepared statement, in order: `PostgresBindings(values: userID, limit, offset)`.
    public init(values: any PostgresEncodable...) throws {
        self.init(capacity: values.count)
        for value in values { try append(value) }
    }
}
