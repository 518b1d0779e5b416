import GongQinCore
import Testing

/// Files as the CLI would read them.
enum Scan {
    static let pdfBytes = Array("%PDF-1.7\n%".utf8)
    static let jpegBytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]
    static let pngBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func pdf(_ name: String, size: Int = 120_000) -> ScannedFile { ScannedFile(name: name, size: size, leadingBytes: pdfBytes) }
    static func jpeg(_ name: String, size: Int = 300_000) -> ScannedFile { ScannedFile(name: name, size: size, leadingBytes: jpegBytes) }
    static func png(_ name: String) -> ScannedFile { ScannedFile(name: name, size: 300_000, leadingBytes: pngBytes) }

    /// A folder ready for a senior normal application: items 1–7.
    static let clean: [ScannedFile] = [pdf("1审批表.pdf"), pdf("2身份证.pdf"), jpeg("3照片.jpg"), pdf("4学历.pdf"),
                                       pdf("5年度考核.pdf"), pdf("6继续教育.pdf"), pdf("7原等级证书.pdf")]

    /// The clean folder with `name` replaced by `files` (or removed).
    static func replacing(_ name: String, with files: [ScannedFile] = []) -> [ScannedFile] {
        clean.filter { $0.name != name } + files
    }
}

struct FolderCase: CustomTestStringConvertible, Sendable {
    var name: String
    var files: [ScannedFile]
    /// `kind number` of each problem, in the report's order.
    var problems: [String]
    /// What the first problem says, typed, of the materials checked against.
    var says: (@Sendable (ApplicationMaterials) -> FolderProblem.Detail)?

    var testDescription: String { name }
}

enum FolderCases {
    /// The item of the 等级工 list numbered `number`.
    static func item(_ number: Int) -> MaterialItem { MaterialList.level.items.first { $0.number == number }! }

    static let all: [FolderCase] = [
        FolderCase(name: "a clean folder", files: Scan.clean, problems: []),
        FolderCase(name: "the extension's case does not matter", files: Scan.replacing("1审批表.pdf", with: [Scan.pdf("1审批表.PDF")]),
                   problems: []),
        FolderCase(name: "system files and a subfolder are notices, not problems",
                   files: Scan.clean + [Scan.pdf(".DS_Store", size: 6148), Scan.pdf("Thumbs.db"), Scan.pdf("~$审批表.docx"),
                                        ScannedFile(name: "旧版", size: 0, leadingBytes: [], isDirectory: true)],
                   problems: ["system-file -", "system-file -", "system-file -", "subfolder -"]),
        FolderCase(name: "a required item missing", files: Scan.replacing("5年度考核.pdf"),
                   problems: ["missing 5"], says: { _ in .missing(item(5)) }),
        FolderCase(name: "two files for one number", files: Scan.clean + [Scan.pdf("2身份证.PDF")],
                   problems: ["duplicate 2"], says: { _ in .duplicate(item(2), files: ["2身份证.PDF", "2身份证.pdf"]) }),
        FolderCase(name: "a copy under another name is misnamed and a duplicate", files: Scan.clean + [Scan.pdf("2身份证(1).pdf")],
                   problems: ["misnamed 2", "duplicate 2"], says: { _ in .shortWrong(item(2)) }),
        FolderCase(name: "the wrong short name", files: Scan.replacing("5年度考核.pdf", with: [Scan.pdf("5年度考核表.pdf")]),
                   problems: ["misnamed 5"], says: { _ in .shortWrong(item(5)) }),
        FolderCase(name: "the wrong number", files: Scan.replacing("5年度考核.pdf", with: [Scan.pdf("6年度考核.pdf")]),
                   problems: ["misnamed 5"], says: { _ in .numberWrong(item(5)) }),
        FolderCase(name: "no number", files: Scan.replacing("5年度考核.pdf", with: [Scan.pdf("年度考核.pdf")]),
                   problems: ["misnamed 5"], says: { _ in .numberMissing(item(5)) }),
        FolderCase(name: "a full-width number", files: Scan.replacing("1审批表.pdf", with: [Scan.pdf("１审批表.pdf")]),
                   problems: ["misnamed 1"], says: { _ in .extensionWrong(item(1)) }),
        FolderCase(name: "the wrong extension for the photo", files: Scan.replacing("3照片.jpg", with: [Scan.png("3照片.png")]),
                   problems: ["misnamed 3", "wrong-content 3"], says: { _ in .extensionWrong(item(3)) }),
        FolderCase(name: "an unexpected file", files: Scan.clean + [Scan.pdf("扫描001.pdf")],
                   problems: ["unexpected -"], says: { _ in .notInList(.level, first: 1, last: 7) }),
        FolderCase(name: "an item that does not apply to the person", files: Scan.clean + [Scan.pdf("8破格申请.pdf")],
                   problems: ["unexpected -"], says: { materials in .notApplicable(materials.gaps[0]) }),
        FolderCase(name: "a PDF that is a PNG", files: Scan.replacing("1审批表.pdf", with: [ScannedFile(name: "1审批表.pdf", size: 5000, leadingBytes: Scan.pngBytes)]),
                   problems: ["wrong-content 1"], says: { _ in .notPDF(.png) }),
        FolderCase(name: "a JPEG that is a PDF", files: Scan.replacing("3照片.jpg", with: [ScannedFile(name: "3照片.jpg", size: 5000, leadingBytes: Scan.pdfBytes)]),
                   problems: ["wrong-content 3"], says: { _ in .notJPEG(.pdf) }),
        FolderCase(name: "an empty file", files: Scan.replacing("4学历.pdf", with: [ScannedFile(name: "4学历.pdf", size: 0, leadingBytes: [])]),
                   problems: ["empty 4"], says: { _ in .empty }),
        FolderCase(name: "a photo over 2 MB", files: Scan.replacing("3照片.jpg", with: [Scan.jpeg("3照片.jpg", size: 2 * 1024 * 1024 + 1)]),
                   problems: ["photo-too-large 3"], says: { _ in .photoTooLarge(bytes: 2 * 1024 * 1024 + 1, item: item(3)) }),
        FolderCase(name: "a photo of exactly 2 MB", files: Scan.replacing("3照片.jpg", with: [Scan.jpeg("3照片.jpg", size: 2 * 1024 * 1024)]),
                   problems: []),
        FolderCase(name: "an unreadable file", files: Scan.replacing("6继续教育.pdf", with: [ScannedFile(name: "6继续教育.pdf", size: 10, leadingBytes: [], readable: false)]),
                   problems: ["unreadable 6"], says: { _ in .unreadable }),
        FolderCase(name: "many at once, in item order", files: [Scan.pdf("2身份证.pdf"), Scan.pdf("1审批表.jpg"), Scan.pdf("7原等级证书.pdf"),
                                                               Scan.pdf("5年度考核.pdf"), Scan.pdf("4学历.pdf"), Scan.pdf(".DS_Store")],
                   problems: ["misnamed 1", "missing 3", "missing 6", "system-file -"], says: { _ in .extensionWrong(item(1)) }),
    ]
}

@Suite("the folder check before upload (须知·六·8)")
struct FolderCheckTests {
    let materials = try! MaterialTrades.engine.materials(for: Worker.senior.record, grade: .senior, module: .normal, cycle: 2024)

    @Test("each problem kind, and a clean folder", arguments: FolderCases.all)
    func folder(_ c: FolderCase) {
        let report = FolderCheck.check(c.files, against: materials)
        #expect(report.problems.map { "\($0.kind.rawValue) \($0.number.map(String.init) ?? "-")" } == c.problems)
        #expect(report.ready == c.problems.allSatisfy { $0.hasPrefix("system-file") || $0.hasPrefix("subfolder") })
        if let says = c.says {
            #expect(report.problems.first?.detail == says(materials), "\(report.problems.first.map { "\($0.detail)" } ?? "none")")
        }
        if report.ready { #expect(report.matched.count == 7) }
        #expect(report.fileCount == c.files.count)
    }

    @Test("an optional item may be left out; a driver's items are required only of a driver")
    func optionalAndMarks() throws {
        let engine = MaterialTrades.engine
        let plain = try engine.materials(for: Worker.technician(in: "行政事务").record, grade: .technician, module: .normal, cycle: 2024)
        let files = plain.applicable.filter(\.required).map { entry in
            entry.item.kind == .photo ? Scan.jpeg(entry.fileName) : Scan.pdf(entry.fileName)
        }
        #expect(FolderCheck.check(files, against: plain).ready)
        let driver = try engine.materials(for: Worker.technician(in: "汽车驾驶与管理").record, grade: .technician, module: .normal, cycle: 2024)
        let report = FolderCheck.check(files, against: driver)
        #expect(report.failures.map(\.number) == [14, 15])
        #expect(report.failures.map(\.kind) == [.missing, .missing])
    }

    @Test("a stray file is named exactly as on disk, in whatever Unicode form the file system wrote")
    func namedAsOnDisk() {
        // macOS writes names decomposed (NFD); U+F9D0 is a compatibility ideograph that
        // normalisation would turn into U+985E. The clerk must find the file by the name the
        // report gives, so the report keeps its scalars as given.
        for name in ["Re\u{301}sume\u{301}.pdf", "\u{F9D0}.pdf"] {
            let report = FolderCheck.check(Scan.clean + [Scan.pdf(name)], against: materials)
            #expect(report.failures.map(\.kind) == [.unexpected])
            let file = report.failures.first?.file
            #expect(file.map { Array($0.unicodeScalars) } == Array(name.unicodeScalars), "reported as \(file ?? "nothing")")
            #expect(report.failures.first?.detail == .notInList(.level, first: 1, last: 7))
        }
    }
}
