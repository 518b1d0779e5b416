import Foundation
import GongQinCore
import GongQinStore
import ZIPFoundation

/// A one-sheet Office Open XML workbook (.xlsx), written through ZIPFoundation: the
/// export of records and the roster (IMPORT.md), and the approval form's draft (`form
/// --output`). Every cell but the numbers is a text cell (inline string, number format
/// "@"), so Excel, WPS and LibreOffice leave identity numbers and dates as they are.
///
/// A table (`init(path:sheetName:header:title:)`) has an optional title row merged across
/// its columns, a bold header frozen under it, bordered cells and columns sized to their
/// contents. A free layout (`init(path:sheetName:widths:)`) places its cells, merges and
/// row heights itself. Either may say how it prints (`Page`: paper, orientation, fitting,
/// the rows repeated on every page, a footer) and carry a title and a description in its
/// document properties (docProps/core.xml).
///
/// Rows stream into a private working folder beside the output (never `$TMPDIR`); the
/// sheet is assembled and zipped at the end, and the workbook moved into place by
/// `OutputFile`. Any failure to write is exit 74 naming the output the user gave, never a
/// working file.
final class Workbook {
    enum Cell {
        case text(String)
        case number(Int)
    }

    /// The cell formats of styles.xml, by their index.
    enum Style: Int {
        /// The default: a number without a border.
        case plain = 0
        /// A table's header: bold, centred, wrapped, bordered, text.
        case header = 1
        /// A table's text cell, bordered.
        case text = 2
        /// A title: bold and large, centred, no border.
        case title = 3
        /// A table's number (序号), bordered and centred.
        case number = 4
        /// A form's label: bold, centred, wrapped, bordered.
        case label = 5
        /// A form's value: wrapped, bordered, at the left.
        case value = 6
        /// A line under a form: wrapped, no border.
        case note = 7
        /// A form's value of several lines (工作简历, 工作业绩): wrapped from the top.
        case lines = 8
    }

    /// How the sheet prints.
    struct Page {
        var landscape = false
        /// Fitted to the page's width, as many pages long as it takes.
        var fitToWidth = true
        /// The rows printed at the top of every page (print titles, `_xlnm.Print_Titles`).
        var repeatedRows: ClosedRange<Int>?
        /// The page footer's left part; the right part numbers the pages.
        var footer: String?
    }

    private let path: String
    private let sheetName: String
    private let folder: String
    private let rowsFile: OutputFile
    private var widths: [Int]
    private var fixedWidths: [Double]?
    private var rowCount = 0
    private var frozenRows = 0
    private var merges: [String] = []
    private var page: Page?
    private var properties: (title: String?, description: String?) = (nil, nil)

    /// A table of `header`, under a `title` row merged across its columns when given.
    convenience init(path: String, sheetName: String, header: [String], title: String? = nil) throws {
        try self.init(path: path, sheetName: sheetName, columns: header.count)
        widths = header.map { Render.displayWidth($0) }
        if let title {
            append([(.text(title), .title)] + Array(repeating: (.text(""), .title), count: max(0, header.count - 1)),
                   height: 30, sizing: false)
            merge(row: rowCount, columns: 0...(header.count - 1))
        }
        append(header.map { (.text($0), .header) })
        frozenRows = rowCount
    }

    /// A free layout of columns `widths` wide (in characters).
    convenience init(path: String, sheetName: String, widths: [Double]) throws {
        try self.init(path: path, sheetName: sheetName, columns: widths.count)
        fixedWidths = widths
    }

    private init(path: String, sheetName: String, columns: Int) throws {
        self.path = path
        self.sheetName = sheetName
        widths = Array(repeating: 0, count: columns)
        try FilePaths.refuseSpecial(path, file: .outputFile)
        let beside = (path as NSString).deletingLastPathComponent
        let folder = (beside.isEmpty ? "" : beside + "/") + ".\((path as NSString).lastPathComponent).\(UUID().uuidString).parts"
        self.folder = folder
        if mkdir(folder, 0o700) != 0 {
            if errno == ENOENT {
                throw GongQinError(.unreadableFile, "输出目录“\(beside)”不存在", hint: "请先创建目录，或换一个 --output 路径")
            }
            throw Self.failure(path)
        }
        do {
            guard mkdir(folder + "/xl", 0o700) == 0, mkdir(folder + "/xl/worksheets", 0o700) == 0 else { throw Self.failure(path) }
            rowsFile = try OutputFile(path: folder + "/rows.xml")
        } catch {
            // Not yet a whole object: `deinit` would not run.
            try? FileManager.default.removeItem(atPath: folder)
            throw Self.failure(path)
        }
    }

    /// The error of a write that failed: it names the output, not the working file.
    static func failure(_ path: String) -> GongQinError {
        GongQinError(.outputFailed, "写入输出文件“\(path)”失败（磁盘已满或不可写），未留下不完整的文件",
                     hint: "请检查磁盘空间和目录的写权限后重试")
    }

    /// Runs `body`, whose failure to write a working file is a failure to write `path`.
    static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw failure(path)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The number of the last row written.
    var lastRow: Int { rowCount }

    /// A row of a table: text cells and numbers, bordered.
    func row(_ cells: [Cell]) {
        append(cells.map { cell -> (Cell, Style) in
            switch cell {
            case .text: (cell, .text)
            case .number: (cell, .number)
            }
        })
    }

    /// A row of cells each in its style; `height` in points, else the default.
    func row(_ cells: [(Cell, Style)], height: Double? = nil) { append(cells, height: height, sizing: fixedWidths == nil) }

    /// Merges `columns` of row `row` into one cell.
    func merge(row: Int, columns: ClosedRange<Int>) {
        guard columns.count > 1 else { return }
        merges.append("\(Self.column(columns.lowerBound))\(row):\(Self.column(columns.upperBound))\(row)")
    }

    func setPage(_ page: Page) { self.page = page }

    /// The title and the description of the document properties (docProps/core.xml).
    func setProperties(title: String?, description: String?) { properties = (title, description) }

    private func append(_ cells: [(Cell, Style)], height: Double? = nil, sizing: Bool = true) {
        rowCount += 1
        var xml = "<row r=\"\(rowCount)\"" + (height.map { " ht=\"\($0)\" customHeight=\"1\"" } ?? "") + ">"
        for (i, (cell, style)) in cells.enumerated() {
            let ref = Self.column(i) + String(rowCount)
            switch cell {
            case .number(let n):
                xml += "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(n)</v></c>"
                if sizing, i < widths.count { widths[i] = max(widths[i], String(n).count) }
            case .text(let t):
                xml += "<c r=\"\(ref)\" s=\"\(style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(t))</t></is></c>"
                let longest = t.split(separator: "\n").map { Render.displayWidth(String($0)) }.max() ?? 0
                if sizing, i < widths.count { widths[i] = max(widths[i], longest) }
            }
        }
        rowsFile.write(xml + "</row>")
    }

    /// Writes the workbook to `path`, replacing it only when complete.
    func commit() throws {
        try Self.writing(path) { try assemble() }
        let output = try OutputFile(path: path)
        guard let zipped = FileHandle(forReadingAtPath: folder + "/workbook.xlsx") else { throw Self.failure(path) }
        while let chunk = try? zipped.read(upToCount: 1 << 16), !chunk.isEmpty { output.write(bytes: chunk) }
        try? zipped.close()
        try output.commit()
    }

    /// A page footer's text: `&` is a code there, written twice to stand for itself.
    static func footerText(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }

    /// The sheet, from the rows written so far, and the zipped workbook, in the working folder.
    private func assemble() throws {
        try rowsFile.commit()
        let sheetPath = folder + "/xl/worksheets/sheet1.xml"
        let sheet = try OutputFile(path: sheetPath)
        let last = Self.column(widths.count - 1) + String(max(rowCount, 1))
        let pane = frozenRows > 0
            ? "<pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/>" : ""
        sheet.write("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            \(page?.fitToWidth == true ? "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" : "")\
            <dimension ref="A1:\(last)"/>\
            <sheetViews><sheetView workbookViewId="0">\(pane)</sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/><cols>
            """)
        for i in widths.indices {
            let width = fixedWidths.map { $0[i] } ?? Double(min(max(widths[i] + 2, 6), 60))
            sheet.write("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
        }
        sheet.write("</cols><sheetData>")
        guard let rows = FileHandle(forReadingAtPath: folder + "/rows.xml") else { throw Self.failure(path) }
        while let chunk = try? rows.read(upToCount: 1 << 16), !chunk.isEmpty { sheet.write(bytes: chunk) }
        try? rows.close()
        sheet.write("</sheetData>")
        if !merges.isEmpty {
            sheet.write("<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>")
        }
        if let page {
            sheet.write("<printOptions horizontalCentered=\"1\"/>"
                        + "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.7\" header=\"0.3\" footer=\"0.3\"/>"
                        + "<pageSetup paperSize=\"9\" orientation=\"\(page.landscape ? "landscape" : "portrait")\""
                        + (page.fitToWidth ? " fitToWidth=\"1\" fitToHeight=\"0\"" : "") + "/>")
            let footer = (page.footer.map { "&L" + Self.footerText($0) } ?? "") + "&R第 &P 页，共 &N 页"
            sheet.write("<headerFooter><oddFooter>\(Self.escape(footer))</oddFooter></headerFooter>")
        }
        sheet.write("</worksheet>")
        try sheet.commit()

        let printTitles = page?.repeatedRows.map { rows in
            "<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
                + Self.escape("'\(sheetName.replacingOccurrences(of: "'", with: "''"))'!$\(rows.lowerBound):$\(rows.upperBound)")
                + "</definedName></definedNames>"
        } ?? ""
        let core = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            \(properties.title.map { "<dc:title>\(Self.escape($0))</dc:title>" } ?? "")\
            <dc:creator>gongqin</dc:creator>\
            \(properties.description.map { "<dc:description>\(Self.escape($0))</dc:description>" } ?? "")\
            </cp:coreProperties>
            """
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
                </Relationships>
                """),
            ("docProps/core.xml", core),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="\(Self.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets>\(printTitles)</workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """),
            // The formats of `Style`, in its order.
            ("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <fonts count="3"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font>\
                <font><b/><sz val="16"/><name val="宋体"/></font></fonts>\
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
                <border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="49" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>\
                <xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
                <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>\
                <xf numFmtId="49" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1"/></xf>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1"/></xf>\
                </cellXfs>\
                <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
                </styleSheet>
                """),
        ]
        let archive = try Archive(url: URL(fileURLWithPath: folder + "/workbook.xlsx"), accessMode: .create)
        for (name, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", relativeTo: URL(fileURLWithPath: folder), compressionMethod: .deflate)
    }

    /// `A`, `B`, … `Z`, `AA`, … for column index `i`.
    static func column(_ i: Int) -> String {
        var n = i + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Text as XML character data. Control characters XML cannot hold are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
