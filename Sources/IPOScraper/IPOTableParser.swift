@preconcurrency import CLibXML2
import Foundation

/// A parsed upcoming-IPO page: the table's rows and, when asked for, the section's HTML.
public struct IPOPage: Sendable, Equatable {
    public var rows: [IPORow]
    /// The `div#UpcomingIpo` element's outer HTML (the seed's `html` field); nil unless asked for.
    public var sectionHTML: String?

    public init(rows: [IPORow], sectionHTML: String? = nil) {
        self.rows = rows
        self.sectionHTML = sectionHTML
    }
}

/// The seed's table parse (section 10.1) over libxml2's HTML parser, which recovers from what browsers recover from
/// (unclosed cells and rows, stray end tags, bare ampersands). Pure: a string in, rows out.
///
/// The rule: the first `table` inside the first `div#UpcomingIpo`; its first row is the header and is skipped; every
/// other row with at least five `td` cells gives `{company, issue_date, price_band, issue_size, gmp}` from the first
/// five, each cell's text with runs of whitespace collapsed to one space and trimmed (text inside `script`, `style`,
/// `noscript` and `svg` is not text). Rows with fewer cells are skipped. Unlike the seed, a page without the section
/// or without a table is an error (``ScrapeError``), never an empty success; a table without data rows is a valid
/// empty result.
public enum IPOTableParser {
    public static let sectionID = "UpcomingIpo"
    /// Elements whose content is not text, and which `clean` drops from the section's HTML (as the seed's `clean_html`).
    static let nonText: Set<String> = ["script", "style", "noscript", "svg"]

    /// libxml2 wants one initialisation before use from several threads.
    private static let initialised: Void = { xmlInitParser() }()

    /// - Parameters:
    ///   - source: names the page in error messages (a URL or a file).
    ///   - includeHTML: also return the section's outer HTML.
    ///   - cleanHTML: drop `script`, `style`, `noscript`, `svg` from that HTML and collapse whitespace (the seed's default).
    public static func parse(_ html: String, source: String = "the page", includeHTML: Bool = false, cleanHTML: Bool = true) throws
        -> IPOPage
    {
        _ = initialised
        guard html.contains(where: { !$0.isWhitespace }) else { throw ScrapeError.emptyPage(source: source) }
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let bytes = Array(html.utf8)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let doc = parsed else { throw ScrapeError.emptyPage(source: source) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw ScrapeError.emptyPage(source: source) }
        guard let section = firstElement(under: root, includingSelf: true, where: { isElement($0, "div") && attribute($0, "id") == sectionID })
        else { throw ScrapeError.noSection(source: source) }
        guard let table = firstElement(under: section, includingSelf: false, where: { isElement($0, "table") }) else {
            throw ScrapeError.noTable(source: source)
        }
        let rows = tableRows(table).dropFirst().compactMap { row -> IPORow? in
            let cells = children(of: row).filter { isElement($0, "td") }.map(text)
            guard cells.count >= 5 else { return nil }
            return IPORow(company: cells[0], issueDate: cells[1], priceBand: cells[2], issueSize: cells[3], gmp: cells[4])
        }
        return IPOPage(rows: Array(rows), sectionHTML: includeHTML ? outerHTML(section, doc: doc, clean: cleanHTML) : nil)
    }

    // MARK: tree walking

    static func isElement(_ node: xmlNodePtr, _ name: String? = nil) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE else { return false }
        guard let name else { return true }
        return node.pointee.name.map { String(cString: $0).lowercased() } == name
    }

    static func elementName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        let value = name.withCString { xmlGetProp(node, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        guard let value else { return nil }
        defer { xmlFree(value) }
        return String(cString: value)
    }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    /// The first element in document order below `node` (or `node` itself) that matches.
    static func firstElement(under node: xmlNodePtr, includingSelf: Bool, where matches: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        if includingSelf, matches(node) { return node }
        for child in children(of: node) where child.pointee.type == XML_ELEMENT_NODE {
            if let found = firstElement(under: child, includingSelf: true, where: matches) { return found }
        }
        return nil
    }

    /// The table's rows in document order (inside `thead`/`tbody`/`tfoot` too), not those of tables nested in cells.
    ///
    /// An inline element left open in a cell (`<td><b>58` then `<tr>`) makes libxml2 nest the next row inside that
    /// cell, where a browser would close the cell first; such rows are found below the row they ended up in, and a
    /// cell's text leaves them out (``text(_:)``).
    static func tableRows(_ table: xmlNodePtr) -> [xmlNodePtr] {
        var rows: [xmlNodePtr] = []
        func walk(_ node: xmlNodePtr) {
            for child in children(of: node) where isElement(child) {
                let name = elementName(child)
                if name == "tr" { rows.append(child) }
                if name != "table" { walk(child) }
            }
        }
        walk(table)
        return rows
    }

    /// A cell's text: its text nodes in order (`br` counts as a space), whitespace collapsed, trimmed. Rows nested in
    /// the cell by parse recovery (not inside a table of the cell's own) are not its text.
    static func text(_ node: xmlNodePtr) -> String {
        var pieces = ""
        var tableDepth = 0
        func walk(_ node: xmlNodePtr) {
            for child in children(of: node) {
                switch child.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = xmlNodeGetContent(child) {
                        pieces += String(cString: content)
                        xmlFree(content)
                    }
                case XML_ELEMENT_NODE:
                    let name = elementName(child)
                    if name == "br" {
                        pieces += " "
                    } else if name == "table" {
                        tableDepth += 1
                        walk(child)
                        tableDepth -= 1
                    } else if !nonText.contains(name), !(name == "tr" && tableDepth == 0) {
                        walk(child)
                    }
                default:
                    break
                }
            }
        }
        walk(node)
        return collapse(pieces)
    }

    /// Runs of whitespace (including no-break spaces) become one space; the ends are trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The section's outer HTML. `clean`: without the non-text elements, every run of two or more whitespace
    /// characters collapsed to one space, trimmed (the seed's `clean_html`).
    static func outerHTML(_ section: xmlNodePtr, doc: htmlDocPtr, clean: Bool) -> String {
        if clean {
            var doomed: [xmlNodePtr] = []
            func walk(_ node: xmlNodePtr) {
                for child in children(of: node) where isElement(child) {
                    if nonText.contains(elementName(child)) { doomed.append(child) } else { walk(child) }
                }
            }
            walk(section)
            for node in doomed {
                xmlUnlinkNode(node)
                xmlFreeNode(node)
            }
        }
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        _ = htmlNodeDump(buffer, doc, section)
        guard let content = xmlBufferContent(buffer) else { return "" }
        let html = String(cString: content)
        guard clean else { return html }
        return html.replacing(/\s{2,}/, with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
