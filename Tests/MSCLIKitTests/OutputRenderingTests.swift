import Foundation
import Testing

@testable import MSCLIKit
import ServiceCore

/// The output formats (`-o table|json|yaml|name|tsv`) as renderings of one value.
@Suite struct OutputRenderingTests {
    struct Row: Encodable {
        var id: String
        var name: String
        var price: Decimal
        var open: Bool
        var at: Date
        var note: String?
    }

    static let rows = [
        Row(id: "a1", name: "Dal", price: Decimal(string: "10.10")!, open: true, at: Date(timeIntervalSince1970: 1_700_000_000.5), note: nil),
        Row(id: "b2", name: "Naan\tbread", price: 2, open: false, at: Date(timeIntervalSince1970: 0), note: "x\\y"),
    ]

    static let table = Table(headers: ["ID", "NAME"], rows: [["a1", "Dal"], ["b2", "Naan\tbread"]])

    @Test func tableAlignsEveryColumnButTheLast() {
        #expect(Table(headers: ["ID", "NAME", "CITY"], rows: [["1", "PVR Forum", "Pune"], ["22", "X", "Bengaluru"]]).render()
            == "ID  NAME       CITY\n1   PVR Forum  Pune\n22  X          Bengaluru")
        #expect(Table(fields: [("id", "1"), ("name", "PVR")]).render() == "FIELD  VALUE\nid     1\nname   PVR")
        #expect(Table(headers: ["A", "B"], rows: []).render() == "A  B")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a\tb", "a\\tb"), ("line\nnext", "line\\nnext"), ("cr\r", "cr\\r"), ("back\\slash", "back\\\\slash"),
        ("ünïcode ✓", "ünïcode ✓"), ("", ""),
    ])
    func tsvEscapesWhatWouldSplitARowOrAColumn(cell: String, escaped: String) {
        #expect(Table.tsvEscaped(cell) == escaped)
    }

    @Test func tsvIsOneLinePerRowAndOneTabPerBoundary() {
        let tsv = Self.table.tsv()
        #expect(tsv == "ID\tNAME\na1\tDal\nb2\tNaan\\tbread")
        #expect(tsv.split(separator: "\n").allSatisfy { $0.filter { $0 == "\t" }.count == 1 })
    }

    @Test func jsonIsSortedPrettyWithRFC3339Dates() throws {
        let json = try Rendering.json(Self.rows[0])
        #expect(json == """
            {
              "at" : "2023-11-14T22:13:20.500Z",
              "id" : "a1",
              "name" : "Dal",
              "open" : true,
              "price" : 10.1
            }
            """)
        #expect(try Rendering.compactJSON(["url": "http://x/y"]) == #"{"url":"http://x/y"}"#)
    }

    /// YAML of the JSON document: booleans stay booleans, decimals decimal, nulls null.
    @Test func yamlKeepsTypes() throws {
        let yaml = try Rendering.yaml(Self.rows)
        #expect(yaml.contains("open: true"), "\(yaml)")
        #expect(yaml.contains("open: false"))
        #expect(yaml.contains("price: 10.1"))
        #expect(!yaml.contains("e+"))
        #expect(yaml.hasPrefix("- at: '2023-11-14T22:13:20.500Z'") || yaml.hasPrefix("- at: 2023-11-14T22:13:20.500Z"), "\(yaml)")
    }

    /// `-o name`: the `id` of a document, of each element of a list, of each item of a page; nothing else.
    @Test(arguments: [
        (#"{"id": "a", "name": "x"}"#, ["a"] as [String]?),
        (#"[{"id": "a"}, {"id": "b"}]"#, ["a", "b"]),
        (#"{"items": [{"id": "a"}], "total": 1}"#, ["a"]),
        ("[]", []),
        (#"[{"id": "a"}, {"name": "no id"}]"#, nil),
        (#"{"name": "no id"}"#, nil),
        (#"{"id": 7}"#, nil),
        ("42", nil),
    ])
    func nameOutputIdentifiers(document: String, ids: [String]?) throws {
        let tree = try JSONDecoder().decode(JSONValue.self, from: Data(document.utf8))
        #expect(NameOutput.identifiers(in: tree) == ids)
    }

    @Test func nameOutputIsRefusedBeforeACommandWithoutIds() {
        #expect(throws: (any Error).self) { try NameOutput.check(DoctorCommand.self, .name) }
        #expect(throws: Never.self) { try NameOutput.check(DoctorCommand.self, .json) }
        #expect(throws: Never.self) { try NameOutput.check(TheatersCommand.List.self, .name) }
    }

    @Test func formatNamesForHelp() {
        #expect(OutputFormat.names == "table, json, yaml, name or tsv")
    }
}
