import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongQinCore
import ZIPFoundation

/// One row of an import file: its cells, and which of them a spreadsheet stored as
/// numbers (an `.xlsx` knows; a CSV does not).
struct InputRow {
    var cells: [String]
    var numeric: Set<Int> = []
}

/// A file `import` reads: a CSV (`CSVInput`) or the worksheet of an `.xlsx` (`SheetInput`).
protocol TableInput: AnyObject {
    var path: String { get }
    /// What the summary names as the file's form: `UTF-8`, `GB18030` or `xlsx（工作表“…”）`.
    var form: String { get }
    /// Bytes to read, for the progress line.
    var size: Int64 { get }
    /// The header row.
    func header() throws -> [String]
    /// Each row after the header, with its row number as the spreadsheet counts it. Blank
    /// rows are skipped. `body` returns false to stop.
    func forEachRow(_ body: (Int, InputRow) throws -> Bool) throws
}

extension TableInput {
    /// A row's cells as the importer may take them: a cell with a control or an invisible
    /// character is refused, and the `'` that gongqin puts before a cell a spreadsheet would take for a
    /// formula is removed (TextSafety, FormulaGuard).
    func importedCells(_ raw: [String], row: Int) throws -> [String] {
        let cells = raw.map { SpreadsheetCell.withoutDigitsGuard(FormulaGuard.importedCell($0)) }
        for (column, cell) in cells.enumerated() {
            if cell.utf8.count > Limits.cellCharacters, cell.unicodeScalars.count > Limits.cellCharacters {
                throw InputLimitError.cell(path: path, row: row, column: column + 1)
            }
            if let character = TextSafety.refusedCharacter(in: cell) {
                throw GongQinError.invalid("文件“\(path)”第\(row)行第\(column + 1)列含有\(character)，未导入任何记录",
                                           hint: "请在表格中删去这些字符后重新导入")
            }
        }
        return cells
    }
}

extension CSVInput: TableInput {
    var form: String { encoding.chinese }

    func forEachRow(_ body: (Int, InputRow) throws -> Bool) throws {
        try forEachRow(includingHeader: false) { row, cells in try body(row, InputRow(cells: cells)) }
    }
}

/// The file kinds `import` reads and `export` writes, told by the name's extension.
enum SpreadsheetFile {
    /// The old binary Excel, WPS's own and OpenDocument formats: saved again as .xlsx or CSV.
    static let refusedExtensions: Set<String> = ["xls", "et", "ods", "numbers", "xlsb", "wps"]

    static func ext(_ path: String) -> String { (path as NSString).pathExtension.lowercased() }

    static func isWorkbook(_ path: String) -> Bool { ["xlsx", "xlsm"].contains(ext(path)) }

    /// Opens an import file: an `.xlsx` by its name or its bytes (a zip archive), a CSV
    /// otherwise. An `.xls` and the like exit 64 with the way out. Anything but a regular
    /// file, or a file over `Limits.fileBytes`, is refused before it is opened (exit 65).
    static func open(_ path: String, encoding: TextEncoding, sheet: String?) throws -> any TableInput {
        let size = try InputFile.checkImport(path)
        let ext = ext(path)
        if refusedExtensions.contains(ext) {
            throw GongQinError.usage("不能直接读取 .\(ext) 文件“\(path)”",
                                     hint: "请在 Excel/WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV（逗号分隔）后再导入")
        }
        let magic = leadingBytes(path)
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw GongQinError.usage("“\(path)”是旧版 Excel（.xls）文件，不能直接读取",
                                     hint: "请在 Excel/WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV（逗号分隔）后再导入")
        }
        if isWorkbook(path) || magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try SheetInput(path: path, sheet: sheet)
        }
        if sheet != nil { throw GongQinError.usage("--sheet 只用于 .xlsx 文件") }
        return try CSVInput(path: path, encoding: encoding, size: size)
    }

    static func leadingBytes(_ path: String) -> [UInt8] {
        guard let handle = InputFile.openRegular(path) else { return [] }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map { [UInt8]($0) } ?? []
    }

    /// An `--output` path: `.csv` or `.xlsx`, anything else exits 64.
    static func checkOutput(_ path: String?, xlsx: Bool = true) throws {
        guard let path, path != "-" else { return }
        let ext = ext(path)
        if ext == "csv" || (xlsx && ext == "xlsx") { return }
        throw GongQinError.usage("输出文件“\(path)”的扩展名“\(ext.isEmpty ? "无" : "." + ext)”不受支持",
                                 hint: xlsx ? "请用 .csv 或 .xlsx" : "请用 .csv")
    }
}

/// The worksheet of an `.xlsx` (Office Open XML), read with ZIPFoundation and Foundation's
/// XMLParser. The sheet part is extracted into a private temporary file and parsed as a
/// stream, row by row, so a sheet of any length takes bounded memory; only the shared
/// strings table, which the sheet's cells point into, is held whole.
final class SheetInput: TableInput {
    let path: String
    let sheetName: String
    let size: Int64
    /// The sheet's name is the workbook's: made visible, as it is printed in a line.
    var form: String { "xlsx（工作表“\(TextSafety.visible(sheetName))”）" }

    private let sheetFile: String
    private let strings: [String]

    init(path: String, sheet requested: String?) throws {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
              FileManager.default.isReadableFile(atPath: path) else {
            throw GongQinError(.unreadableFile, "找不到或无法读取文件“\(path)”", hint: "请检查路径和读权限")
        }
        let broken = GongQinError(.invalidData, "“\(path)”不是有效的 Excel 工作簿（.xlsx）",
                                  hint: "请在 Excel/WPS 中打开后重新“另存为” Excel 工作簿（.xlsx），或另存为 CSV")
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw broken
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            // A part of the workbook's bookkeeping is small; a bigger one is not a real workbook.
            guard entry.uncompressedSize < 64 << 20 else { throw broken }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw broken
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml"), let rels = try part("xl/_rels/workbook.xml.rels") else { throw broken }
        let sheets = PartReader.sheets(workbook)
        let targets = PartReader.relationships(rels)
        guard !sheets.isEmpty else { throw broken }
        let chosen: (name: String, id: String)
        if let requested {
            let wanted = Normalise.text(requested).trimmingSpaces
            guard let match = sheets.first(where: { Normalise.text($0.name).trimmingSpaces == wanted }) else {
                throw GongQinError.invalid("工作簿“\(path)”中没有名为“\(requested.clipped())”的工作表",
                                           hint: "现有工作表：" + sheets.map { "“\($0.name)”" }.joined(separator: "、"))
            }
            chosen = match
        } else {
            chosen = sheets[0]
        }
        sheetName = chosen.name
        guard var target = targets[chosen.id] else { throw broken }
        target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard let sheetEntry = archive[target] else { throw broken }
        strings = try part("xl/sharedStrings.xml").map(PartReader.sharedStrings) ?? []

        let folder = NSTemporaryDirectory() + "gongqin-xlsx-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw GongQinError(.internalError, "无法创建临时目录以读取 xlsx 文件")
        }
        sheetFile = folder + "/sheet.xml"
        do {
            _ = try archive.extract(sheetEntry, to: URL(fileURLWithPath: sheetFile), skipCRC32: false)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw broken
        }
        size = Int64(sheetEntry.uncompressedSize)
    }

    deinit { try? FileManager.default.removeItem(atPath: (sheetFile as NSString).deletingLastPathComponent) }

    private var headerRow: Int?

    func header() throws -> [String] {
        var found: [String]?
        try rows { row, cells in
            headerRow = row
            found = cells.cells
            return false
        }
        guard let found else {
            throw GongQinError.invalid("工作表“\(sheetName)”是空的，没有表头行", hint: "第一行须为表头，如 身份证号,姓名,…")
        }
        return found
    }

    func forEachRow(_ body: (Int, InputRow) throws -> Bool) throws {
        if headerRow == nil { _ = try header() }
        let first = headerRow!
        try rows { row, input in
            guard row > first else { return true }
            var safe = input
            safe.cells = try importedCells(input.cells, row: row)
            return try body(row, safe)
        }
    }

    /// Every non-blank row, the header included.
    private func rows(_ body: (Int, InputRow) throws -> Bool) throws {
        guard let stream = InputStream(fileAtPath: sheetFile) else {
            throw GongQinError(.unreadableFile, "无法读取文件“\(path)”", hint: "请检查路径和读权限")
        }
        try withoutActuallyEscaping(body) { body in
            let reader = SheetReader(strings: strings, body: body)
            let parser = XMLParser(stream: stream)
            parser.delegate = reader
            parser.shouldResolveExternalEntities = false
            let finished = parser.parse()
            if let error = reader.failure { throw error }
            if !finished && !reader.stopped {
                throw GongQinError.invalid("“\(path)”的工作表“\(sheetName)”无法解析（第\(parser.lineNumber)行附近）",
                                           hint: "请在 Excel/WPS 中打开后重新“另存为” .xlsx")
            }
        }
    }
}

/// Reads the small parts of a workbook: the sheet list, the relationships, the shared strings.
enum PartReader {
    /// Collects the attributes of every element named `element`.
    private final class Attributes: NSObject, XMLParserDelegate {
        let element: String
        var found: [[String: String]] = []
        init(_ element: String) { self.element = element }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
        }
    }

    private static func attributes(_ data: Data, _ element: String) -> [[String: String]] {
        let parser = XMLParser(data: data)
        let reader = Attributes(element)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        parser.parse()
        return reader.found
    }

    /// The sheets in workbook order: name and relationship id.
    static func sheets(_ workbook: Data) -> [(name: String, id: String)] {
        attributes(workbook, "sheet").compactMap { a in
            guard let name = a["name"], let id = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value else { return nil }
            return (name, id)
        }
    }

    /// Relationship id → target part.
    static func relationships(_ rels: Data) -> [String: String] {
        var out: [String: String] = [:]
        for a in attributes(rels, "Relationship") {
            if let id = a["Id"], let target = a["Target"] { out[id] = target }
        }
        return out
    }

    /// The text of every `<si>`: its `<t>` runs, without the phonetic `<rPh>` ones.
    private final class Strings: NSObject, XMLParserDelegate {
        var items: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            switch name {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "si": items.append(current)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    }

    static func sharedStrings(_ data: Data) -> [String] {
        let parser = XMLParser(data: data)
        let reader = Strings()
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        parser.parse()
        return reader.items
    }
}

/// The streaming reader of a worksheet: gathers each `<row>`'s cells and hands the row on.
private final class SheetReader: NSObject, XMLParserDelegate {
    let strings: [String]
    let body: (Int, InputRow) throws -> Bool
    var failure: (any Error)?
    var stopped = false

    private var rowNumber = 0
    private var row = InputRow(cells: [])
    private var column = -1
    private var type = "n"
    private var value = ""
    private var inValue = false
    private var phonetic = 0

    init(strings: [String], body: @escaping (Int, InputRow) throws -> Bool) {
        self.strings = strings
        self.body = body
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            row = InputRow(cells: [])
            column = -1
        case "c":
            column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
            type = attributes["t"] ?? "n"
            value = ""
        case "v", "t":
            inValue = phonetic == 0
        case "rPh":
            phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "rPh": phonetic -= 1
        case "c":
            guard column >= 0, column < 16_384 else { return }
            var text = value
            var numeric = false
            switch type {
            case "s": text = Int(value.trimmingSpaces).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
            case "n", "":
                numeric = !value.isEmpty
                text = Self.number(value)
            case "b": text = value == "1" ? "是" : "否"
            case "e": text = value
            default: break  // inlineStr, str: the text itself
            }
            if row.cells.count <= column { row.cells += Array(repeating: "", count: column + 1 - row.cells.count) }
            row.cells[column] = text
            if numeric { row.numeric.insert(column) }
        case "row":
            guard row.cells.contains(where: { !$0.trimmingSpaces.isEmpty }) else { return }
            do {
                if try !body(rowNumber, row) {
                    stopped = true
                    parser.abortParsing()
                }
            } catch {
                failure = error
                parser.abortParsing()
            }
        default: break
        }
    }

    /// A number as a person wrote it: `2021`, not `2021.0`; a fraction as it is.
    static func number(_ text: String) -> String {
        guard let d = Double(text.trimmingSpaces), d.isFinite else { return text }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return text
    }

    /// `B12` → 1.
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var letters = 0
        for scalar in ref.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            n = n * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : n - 1
    }
}
