import Foundation
import GongQinCore
import GongQinStore
import ZIPFoundation

/// A one-sheet Office Open XML workbook (.xlsx), written through ZIPFoundation, for the
/// roster (IMPORT.md). Every cell but the numbers is a text cell (inline string, number
/// format "@"), so Excel, WPS and LibreOffice leave identity numbers and dates as they
/// are. The header row is bold and frozen; the columns are sized to their contents.
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

    private let path: String
    private let sheetName: String
    private let folder: String
    private let rowsFile: OutputFile
    private var widths: [Int]
    private var rowCount = 0

    init(path: String, sheetName: String, header: [String]) throws {
        self.path = path
        self.sheetName = sheetName
        try FilePaths.refuseSpecial(path, what: "输出文件")
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
        widths = header.map { Render.displayWidth($0) }
        append(header.map(Cell.text), style: 1)
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

    func row(_ cells: [Cell]) { append(cells, style: 2) }

    /// A line of text under the table (the log head), which does not widen the columns.
    func note(_ text: String) { append([.text(text)], style: 2, sizing: false) }

    private func append(_ cells: [Cell], style: Int, sizing: Bool = true) {
        rowCount += 1
        var xml = "<row r=\"\(rowCount)\">"
        for (i, cell) in cells.enumerated() {
            let ref = Self.column(i) + String(rowCount)
            switch cell {
            case .number(let n):
                xml += "<c r=\"\(ref)\"\(style == 1 ? " s=\"1\"" : "")><v>\(n)</v></c>"
                widths[i] = max(widths[i], String(n).count)
            case .text(let t):
                xml += "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(t))</t></is></c>"
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

    /// The sheet, from the rows written so far, and the zipped workbook, in the working folder.
    private func assemble() throws {
        try rowsFile.commit()
        let sheetPath = folder + "/xl/worksheets/sheet1.xml"
        let sheet = try OutputFile(path: sheetPath)
        let last = Self.column(widths.count - 1) + String(rowCount)
        sheet.write("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <dimension ref="A1:\(last)"/>\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            </sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>
            """)
        for (i, width) in widths.enumerated() {
            sheet.write("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(min(max(width + 2, 6), 60))\" customWidth=\"1\"/>")
        }
        sheet.write("</cols><sheetData>")
        guard let rows = FileHandle(forReadingAtPath: folder + "/rows.xml") else { throw Self.failure(path) }
        while let chunk = try? rows.read(upToCount: 1 << 16), !chunk.isEmpty { sheet.write(bytes: chunk) }
        try? rows.close()
        sheet.write("</sheetData></worksheet>")
        try sheet.commit()

        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                </Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="\(Self.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """),
            // Style 0: default (the 序号 numbers); 1: the bold header, as text; 2: text ("@").
            ("xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>\
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
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
