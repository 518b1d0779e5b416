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
    /// The error of a file with no row at all.
    var emptyError: GongQinError { get }
    /// The first `limit` rows with anything in them, as they stand: where the header is
    /// looked for (`FileHeader.find`).
    func leadingRows(_ limit: Int) throws -> [(row: Int, cells: [String])]
    /// Each row after row `header`, with its row number as the spreadsheet counts it, its
    /// cells as the importer may take them (`importedCells`). Blank rows are skipped.
    /// `body` returns false to stop.
    func forEachRow(after header: Int, _ body: (Int, InputRow) throws -> Bool) throws
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

    /// The header row of a file of `layout`, found among its first rows: rows above it (a
    /// title, a line of scope and date, group titles over a header of two rows) are not
    /// records, and `skipped` names them for the notice. The header's cells pass the
    /// checks of every cell, but for the line breaks of a wrapped header.
    func header(_ layout: FileLayout) throws -> (header: FileHeader, row: Int, skipped: [(row: Int, text: String)]) {
        let rows = try leadingRows(FileHeader.searchedRows).map { ($0.row, $0.cells.map(Normalise.text)) }
        guard !rows.isEmpty else { throw emptyError }
        let found: (header: FileHeader, row: Int)
        do throws(HeaderProblem) { found = try FileHeader.find(layout: layout, rows: rows) } catch { throw error.gongqin }
        let (header, row) = found
        let cells = rows.first { $0.0 == row }!.1
        _ = try importedCells(cells.map { String($0.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }) }, row: row)
        let skipped = rows.filter { $0.0 < row }.map { above in
            // A merged title repeats in every cell of its range: said once.
            var texts: [String] = []
            for cell in above.1.map(\.trimmingSpaces) where !cell.isEmpty && texts.last != cell { texts.append(cell) }
            return (above.0, texts.joined(separator: " "))
        }
        return (header, row, skipped)
    }
}

/// `提示：表头在第3行，已略过其上的第1、2行：第1行（常州市…花名册）…`: the rows above the header.
enum SkippedRows {
    static func notice(header row: Int, _ skipped: [(row: Int, text: String)]) -> String? {
        guard !skipped.isEmpty else { return nil }
        return "提示：表头在第\(row)行，已略过其上的" + skipped.map { "第\($0.row)行（\($0.text.clipped())）" }.joined(separator: "、")
    }
}

extension CSVInput: TableInput {
    var form: String { encoding.chinese }

    var emptyError: GongQinError {
        GongQinError.invalid("文件“\(path)”是空的，没有表头行", hint: "第一行须为表头，如 id-number,name,… 或 身份证号,姓名,…")
    }

    func leadingRows(_ limit: Int) throws -> [(row: Int, cells: [String])] {
        var rows: [(row: Int, cells: [String])] = []
        try forEachRow { row, cells in
            rows.append((row, cells))
            return rows.count < limit
        }
        return rows
    }

    func forEachRow(after header: Int, _ body: (Int, InputRow) throws -> Bool) throws {
        try forEachRow { row, cells in
            guard row > header else { return true }
            return try body(row, InputRow(cells: try importedCells(cells, row: row)))
        }
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
            return try SheetInput(path: path, sheet: sheet, size: size)
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
/// XMLParser. Every part is parsed as a stream while it is inflated (`WorkbookPart`):
/// nothing is extracted to a file, and the bytes really inflated are counted against the
/// limits (`InflationBudget`), so no workbook, however forged, takes more than bounded
/// memory and time. Only the shared strings table, which the sheet's cells point into, is
/// held whole, compactly.
final class SheetInput: TableInput {
    let path: String
    let sheetName: String
    let size: Int64
    /// The sheet's name is the workbook's: made visible, as it is printed in a line.
    var form: String { "xlsx（工作表“\(TextSafety.visible(sheetName))”）" }

    private let sheetPart: String
    private let strings: SharedStrings
    private let budget: InflationBudget
    private let broken: GongQinError

    init(path: String, sheet requested: String?, size: Int64) throws {
        self.path = path
        self.size = size
        let broken = GongQinError(.invalidData, "“\(path)”不是有效的 Excel 工作簿（.xlsx）",
                                  hint: "请在 Excel/WPS 中打开后重新“另存为” Excel 工作簿（.xlsx），或另存为 CSV")
        self.broken = broken
        let budget = InflationBudget(path: path, fileSize: size)
        self.budget = budget
        let entries = try Self.entries(path, broken: broken)
        func read(_ part: String, limit: Int64, _ reader: some PartReading) throws {
            try PartReader.parse(path: path, part: part, budget: budget, limit: limit, broken: broken, reader)
        }
        guard entries.contains("xl/workbook.xml"), entries.contains("xl/_rels/workbook.xml.rels") else { throw broken }
        let sheetList = PartReader.Attributes("sheet"), relationships = PartReader.Attributes("Relationship")
        try read("xl/workbook.xml", limit: Limits.workbookPartBytes, sheetList)
        try read("xl/_rels/workbook.xml.rels", limit: Limits.workbookPartBytes, relationships)
        let sheets = PartReader.sheets(sheetList.found)
        let targets = PartReader.relationships(relationships.found)
        guard !sheets.isEmpty else { throw broken }
        let chosen: (name: String, id: String)
        if let requested {
            let wanted = Normalise.text(requested).trimmingSpaces
            guard let match = sheets.first(where: { Normalise.text($0.name).trimmingSpaces == wanted }) else {
                throw GongQinError.invalid("工作簿“\(path)”中没有名为“\(requested.clipped())”的工作表",
                                           hint: "现有工作表：" + sheets.prefix(20).map { "“\($0.name.clipped())”" }.joined(separator: "、")
                                               + (sheets.count > 20 ? "等\(sheets.count)个" : ""))
            }
            chosen = match
        } else {
            chosen = sheets[0]
        }
        sheetName = chosen.name
        guard var target = targets[chosen.id] else { throw broken }
        target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        guard entries.contains(target) else { throw broken }
        sheetPart = target
        if entries.contains("xl/sharedStrings.xml") {
            let reader = PartReader.Strings()
            try read("xl/sharedStrings.xml", limit: Limits.sharedStringsBytes, reader)
            strings = reader.items
        } else {
            strings = SharedStrings()
        }
    }

    /// The refusal of a sheet of more rows than Excel's.
    static func tooManyRows(_ path: String) -> GongQinError {
        GongQinError.invalid("工作簿“\(path)”的工作表超过 Excel 的上限\(excelRows)行，不像是真正的 Excel 工作簿，未导入任何记录",
                             hint: "请在 Excel/WPS 中打开后重新“另存为” .xlsx 或 CSV")
    }

    /// The rows of Excel's longest sheet.
    static let excelRows = 1_048_576

    /// A workbook has a few dozen parts; a file of more is no workbook.
    static let maximumEntries = 10_000

    /// The paths of the workbook's parts, read from its central directory; a path too
    /// long to name a part gongqin reads is left out.
    static func entries(_ path: String, broken: GongQinError) throws -> Set<String> {
        var entries = Set<String>()
        var count = 0
        do {
            for entry in try Archive(url: URL(fileURLWithPath: path), accessMode: .read) {
                count += 1
                guard count <= maximumEntries else { throw broken }
                if entry.path.utf8.count <= 255 { entries.insert(entry.path) }
            }
        } catch {
            throw broken
        }
        return entries
    }

    var emptyError: GongQinError {
        GongQinError.invalid("工作表“\(sheetName)”是空的，没有表头行", hint: "第一行须为表头，如 身份证号,姓名,…")
    }

    func leadingRows(_ limit: Int) throws -> [(row: Int, cells: [String])] {
        var found: [(row: Int, cells: [String])] = []
        try rows { row, cells in
            found.append((row, cells.cells))
            return found.count < limit
        }
        return found
    }

    func forEachRow(after header: Int, _ body: (Int, InputRow) throws -> Bool) throws {
        try rows { row, input in
            guard row > header else { return true }
            var safe = input
            safe.cells = try importedCells(input.cells, row: row)
            return try body(row, safe)
        }
    }

    /// The merged cells of the sheet, read once, before its rows.
    private var merges: [MergedCells.Range]?

    /// Every non-blank row, the header included, as the sheet part is inflated, with each
    /// merged range's top-left value in every cell of the range (`MergedCells`).
    private func rows(_ body: (Int, InputRow) throws -> Bool) throws {
        if merges == nil {
            merges = try MergedCells.ranges(path: path, part: sheetPart, sheet: sheetName, budget: budget, broken: broken)
        }
        var merged = MergedCells(merges!)
        let each: (Int, InputRow) throws -> Bool = { row, input in
            var input = input
            merged.apply(row: row, to: &input)
            return try body(row, input)
        }
        try withoutActuallyEscaping(each) { body in
            let reader = SheetReader(path: path, strings: strings, body: body)
            do {
                try PartReader.parse(path: path, part: sheetPart, budget: budget, limit: nil, broken: broken, reader)
            } catch let error as PartReader.Malformed {
                throw GongQinError.invalid("“\(path)”的工作表“\(sheetName)”无法解析（第\(error.line)行附近）",
                                           hint: "请在 Excel/WPS 中打开后重新“另存为” .xlsx")
            }
        }
    }
}

/// The shared strings of a workbook, held as one run of UTF-8 and the end of each string:
/// a few bytes a string, where an array of strings would take some forty.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        ends.append(UInt32(bytes.count))
    }

    subscript(_ i: Int) -> String? {
        guard i >= 0 && i < ends.count else { return nil }
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return String(decoding: bytes[start..<Int(ends[i])], as: UTF8.self)
    }
}

/// A reader of one part: an XMLParser delegate with its `PartControl`.
protocol PartReading: XMLParserDelegate {
    var control: PartControl { get }
}

/// Reads the parts of a workbook: the sheet list, the relationships, the shared strings.
enum PartReader {
    /// A part XMLParser could not read, at `line`.
    struct Malformed: Error {
        var line: Int
    }

    /// Parses `part` of the workbook at `path` with `reader` as it is inflated. A limit
    /// passed, an archive that is broken, a read that fails or the reader's own error is
    /// thrown; a part that does not parse is `Malformed`, or `broken` when not the sheet.
    static func parse(path: String, part: String, budget: InflationBudget, limit: Int64?, broken: GongQinError,
                      _ reader: some PartReading) throws {
        let stream = WorkbookPart(path: path, part: part, budget: budget, limit: limit, broken: broken)
        reader.control.stream = stream
        let parser = XMLParser(stream: stream)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        let finished = parser.parse()
        stream.stop()
        if let error = stream.failure { throw error }
        if let error = reader.control.failure { throw error }
        if !finished && !reader.control.stopped {
            if limit == nil { throw Malformed(line: parser.lineNumber) }
            throw broken
        }
    }

    /// Collects the attributes of every element named `element`.
    final class Attributes: NSObject, PartReading {
        let control = PartControl()
        let element: String
        var found: [[String: String]] = []
        init(_ element: String) { self.element = element }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
        }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { control.parseError() }
    }

    /// The sheets in workbook order: name and relationship id.
    static func sheets(_ found: [[String: String]]) -> [(name: String, id: String)] {
        found.compactMap { a in
            guard let name = a["name"], let id = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value else { return nil }
            return (name, id)
        }
    }

    /// Relationship id → target part.
    static func relationships(_ found: [[String: String]]) -> [String: String] {
        var out: [String: String] = [:]
        for a in found {
            if let id = a["Id"], let target = a["Target"] { out[id] = target }
        }
        return out
    }

    /// The text of every `<si>`: its `<t>` runs, without the phonetic `<rPh>` ones. A string
    /// is kept to one character over the cell limit: a cell that uses it is refused.
    final class Strings: NSObject, PartReading {
        let control = PartControl()
        var items = SharedStrings()
        var current = CellText()
        var inText = false
        var phonetic = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            switch name {
            case "si": current = CellText()
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "si": items.append(current.text)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current.append(string) } }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { control.parseError() }
    }
}

/// The text of a cell as the parser hands it on in pieces, kept to one character over
/// `Limits.cellCharacters`: enough to refuse it, never a hundred megabytes.
struct CellText {
    private(set) var text = ""
    private var length = 0

    var isEmpty: Bool { length == 0 }

    mutating func append(_ piece: String) {
        guard length <= Limits.cellCharacters else { return }
        let scalars = piece.unicodeScalars
        if length + scalars.count <= Limits.cellCharacters + 1 {
            text += piece
            length += scalars.count
        } else {
            text.unicodeScalars.append(contentsOf: scalars.prefix(Limits.cellCharacters + 1 - length))
            length = Limits.cellCharacters + 1
        }
    }
}

/// The streaming reader of a worksheet: gathers each `<row>`'s cells and hands the row on.
private final class SheetReader: NSObject, PartReading {
    let control = PartControl()
    let path: String
    let strings: SharedStrings
    let body: (Int, InputRow) throws -> Bool

    private var rowNumber = 0
    private var row = InputRow(cells: [])
    private var column = -1
    private var type = "n"
    private var value = CellText()
    private var inValue = false
    private var phonetic = 0

    init(path: String, strings: SharedStrings, body: @escaping (Int, InputRow) throws -> Bool) {
        self.path = path
        self.strings = strings
        self.body = body
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            guard rowNumber <= Self.excelRows else {
                control.stop(parser, failure: SheetInput.tooManyRows(path))
                return
            }
            row.cells.removeAll(keepingCapacity: true)
            row.numeric.removeAll(keepingCapacity: true)
            column = -1
        case "c":
            column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
            type = attributes["t"] ?? "n"
            value = CellText()
        case "v", "t":
            inValue = phonetic == 0
        case "rPh":
            phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value.append(string) } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "rPh": phonetic -= 1
        case "c":
            // An empty cell (a formatted one, say) adds nothing to its row.
            guard column >= 0, !value.isEmpty else { return }
            var text = value.text
            var numeric = false
            switch type {
            case "s": text = Int(text.trimmingSpaces).flatMap { strings[$0] } ?? ""
            case "n", "":
                numeric = !text.isEmpty
                text = Self.number(text)
            case "b": text = text == "1" ? "是" : "否"
            case "e": break
            default: break  // inlineStr, str: the text itself
            }
            // Past the limit a column may only be empty: Excel keeps formatted empty cells.
            guard column < Limits.columns else {
                if !text.trimmingSpaces.isEmpty { control.stop(parser, failure: InputLimitError.columns(path: path, row: rowNumber)) }
                return
            }
            if row.cells.count <= column { row.cells += Array(repeating: "", count: column + 1 - row.cells.count) }
            row.cells[column] = text
            if numeric { row.numeric.insert(column) }
        case "row":
            guard !row.cells.isEmpty, row.cells.contains(where: { !$0.trimmingSpaces.isEmpty }) else { return }
            do {
                if try !body(rowNumber, row) { control.stop(parser) }
            } catch {
                control.stop(parser, failure: error)
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { control.parseError() }

    /// A number as a person wrote it: `2021`, not `2021.0`; a fraction as it is.
    static func number(_ text: String) -> String {
        guard let d = Double(text.trimmingSpaces), d.isFinite else { return text }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return text
    }

    /// `B12` → 1. A reference past Excel's last column (`XFD`) counts as the column after it.
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var letters = 0
        for scalar in ref.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            guard letters < 3 else { return excelColumns }
            n = n * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : min(n - 1, excelColumns)
    }

    /// The columns of Excel's widest sheet, and the rows of its longest.
    static let excelColumns = 16_384
    static let excelRows = SheetInput.excelRows
}
