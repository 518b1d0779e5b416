/// The check of a folder of scans before upload (RULES §8, 须知·六·8): one
/// file per item, named `<number><short name>.pdf` (the photo `.jpg`), each what its
/// extension says. Pure: the CLI lists the folder and reads each file's size and first
/// bytes; this turns them into problems.

/// A directory entry as the CLI read it.
public struct ScannedFile: Hashable, Sendable {
    /// The name as the file system gives it (macOS writes NFD; compared canonically).
    public var name: String
    public var size: Int
    /// The first bytes (8 are enough).
    public var leadingBytes: [UInt8]
    public var isDirectory: Bool
    public var readable: Bool
    /// A FIFO, a device or a socket: never opened, skipped with a notice (README, “Hostile text and outputs”).
    public var isSpecial: Bool

    public init(name: String, size: Int, leadingBytes: [UInt8], isDirectory: Bool = false, readable: Bool = true,
                isSpecial: Bool = false) {
        self.name = name
        self.size = size
        self.leadingBytes = leadingBytes
        self.isDirectory = isDirectory
        self.readable = readable
        self.isSpecial = isSpecial
    }
}

/// One problem, or one notice, with the folder.
public struct FolderProblem: Hashable, Sendable {
    public enum Kind: String, Sendable, Encodable, CaseIterable {
        /// A required item with no file.
        case missing
        /// Two files for one number.
        case duplicate
        /// A file that belongs to an item but is not named as the item: the wrong short
        /// name, the wrong number, no number, or the wrong extension.
        case misnamed
        /// A file that belongs to no item of the list.
        case unexpected
        /// Not what the extension says: a PDF must start with `%PDF-`, a JPEG with FF D8 FF.
        case wrongContent = "wrong-content"
        case empty
        /// A photo over 2 MB.
        case photoTooLarge = "photo-too-large"
        case unreadable
        /// `.DS_Store`, `Thumbs.db` and the like: reported, not fatal.
        case systemFile = "system-file"
        /// A folder inside the folder: its files are not checked, and not uploaded.
        case subfolder
        /// A FIFO, a device or a socket: not opened (it could block), skipped.
        case notRegular = "not-regular"

        /// Notices do not stop an upload.
        public var isNotice: Bool { self == .systemFile || self == .subfolder || self == .notRegular }
    }

    public var kind: Kind
    /// The file it is about, as named on disk.
    public var file: String?
    /// The item it is about.
    public var number: Int?
    /// What is wrong, with its facts: GongQinCLI/Wording/CoreWording.swift words it as one
    /// line, what is wrong and how to fix it.
    public var detail: Detail

    public var isNotice: Bool { kind.isNotice }

    public init(kind: Kind, file: String?, number: Int?, detail: Detail) {
        (self.kind, self.file, self.number, self.detail) = (kind, file, number, detail)
    }

    /// What is wrong with the file `file` (or the item `number`), the facts.
    public enum Detail: Hashable, Sendable {
        case subfolder, notRegular, systemFile
        /// Named without a number; `item` is the one its short name says.
        case numberMissing(MaterialItem)
        /// Numbered otherwise than `item`, whose short name it has.
        case numberWrong(MaterialItem)
        /// `item`'s number and short name, another extension.
        case extensionWrong(MaterialItem)
        /// `item`'s number, another short name.
        case shortWrong(MaterialItem)
        /// A gap of the list: an item that does not apply to the person.
        case notApplicable(MaterialEntry)
        /// Nothing `list` has: its numbers run from `first` to `last`.
        case notInList(MaterialList, first: Int, last: Int)
        /// `files`, all for `item`.
        case duplicate(MaterialItem, files: [String])
        /// A required item with no file.
        case missing(MaterialItem)
        case unreadable
        case empty
        /// A PDF by its name that is `actual`.
        case notPDF(FileSignature)
        /// A JPEG by its name that is `actual`.
        case notJPEG(FileSignature)
        /// A photo of `bytes` bytes, over `FolderCheck.photoLimit`; `item` the photo's, when
        /// the file is one.
        case photoTooLarge(bytes: Int, item: MaterialItem?)
    }
}

/// The result of a check.
public struct FolderReport: Hashable, Sendable {
    /// Problems first, in item order, then notices.
    public var problems: [FolderProblem]
    /// The items with a correctly named file: number → file name.
    public var matched: [Int: String]
    public var fileCount: Int

    public var failures: [FolderProblem] { problems.filter { !$0.isNotice } }
    public var notices: [FolderProblem] { problems.filter(\.isNotice) }
    /// Ready to upload: no problem, notices aside.
    public var ready: Bool { failures.isEmpty }
}

public enum FolderCheck {
    /// 大小不超过2M (须知·一(一)3): 2 MiB.
    public static let photoLimit = 2 * 1024 * 1024

    /// Names the operating systems leave behind.
    static let systemNames: Set<String> = [".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".localized"]

    public static func isSystemFile(_ name: String) -> Bool {
        systemNames.contains(name.lowercased()) || name.hasPrefix("~$") || name.hasPrefix("._") || name.hasPrefix(".")
    }

    /// Checks `files` against the applicable items of `materials`.
    public static func check(_ files: [ScannedFile], against materials: ApplicationMaterials) -> FolderReport {
        let items = materials.applicable.map(\.item)
        let gaps = materials.gaps
        var problems: [FolderProblem] = []
        var attributed: [Int: [ScannedFile]] = [:]
        var matched: [Int: String] = [:]

        for file in files.sorted(by: { FileName($0.name) < FileName($1.name) }) {
            if file.isDirectory {
                problems.append(FolderProblem(kind: .subfolder, file: file.name, number: nil, detail: .subfolder))
                continue
            }
            if file.isSpecial {
                problems.append(FolderProblem(kind: .notRegular, file: file.name, number: nil, detail: .notRegular))
                continue
            }
            if isSystemFile(file.name) {
                problems.append(FolderProblem(kind: .systemFile, file: file.name, number: nil, detail: .systemFile))
                continue
            }
            let name = FileName(file.name)
            // Which item the file is for: by name exactly, else the best guess.
            var item: MaterialItem?
            if let exact = items.first(where: { name.matches($0) }) {
                item = exact
                matched[exact.number] = file.name
            } else {
                let byNumber = name.number.flatMap { n in items.first { $0.number == n } }
                let byShort = name.guessShort(in: items)
                if let byShort, byShort.number != byNumber?.number {
                    item = byShort
                    problems.append(FolderProblem(kind: .misnamed, file: file.name, number: byShort.number,
                                                  detail: name.number == nil ? .numberMissing(byShort) : .numberWrong(byShort)))
                } else if let byNumber {
                    item = byNumber
                    problems.append(FolderProblem(kind: .misnamed, file: file.name, number: byNumber.number,
                                                  detail: name.stem == byNumber.short ? .extensionWrong(byNumber) : .shortWrong(byNumber)))
                } else {
                    problems.append(unexpected(file, name, items: items, gaps: gaps, materials: materials))
                }
            }
            if let item { attributed[item.number, default: []].append(file) }
            problems += content(file, name, item: item)
        }

        for item in items {
            let files = attributed[item.number] ?? []
            if files.count > 1 {
                problems.append(FolderProblem(kind: .duplicate, file: files[1].name, number: item.number,
                                              detail: .duplicate(item, files: files.map(\.name))))
            }
            let required = materials.applicable.first { $0.number == item.number }?.required ?? true
            if files.isEmpty && required {
                problems.append(FolderProblem(kind: .missing, file: nil, number: item.number, detail: .missing(item)))
            }
        }
        let ordered = problems.enumerated().sorted { a, b in
            (a.element.isNotice ? 1 : 0, a.element.number ?? Int.max, a.offset) < (b.element.isNotice ? 1 : 0, b.element.number ?? Int.max, b.offset)
        }.map(\.element)
        return FolderReport(problems: ordered, matched: matched, fileCount: files.count)
    }

    /// A file that belongs to no item: a gap of the list (an item that does not apply to
    /// this person), or nothing the list has.
    static func unexpected(_ file: ScannedFile, _ name: FileName, items: [MaterialItem], gaps: [MaterialEntry],
                           materials: ApplicationMaterials) -> FolderProblem {
        let gap = gaps.first { name.number == $0.number } ?? gaps.first { name.stem == $0.item.short }
        let numbers = items.map(\.number)
        let detail: FolderProblem.Detail = gap.map { .notApplicable($0) }
            ?? .notInList(materials.list, first: numbers.min() ?? 1, last: numbers.max() ?? 1)
        return FolderProblem(kind: .unexpected, file: file.name, number: nil, detail: detail)
    }

    /// The content checks: an empty file; a file that is not what its extension says (the
    /// extension its item wants, when the name has another: renaming a PDF called `.jpg`
    /// fixes it, renaming a PNG does not); a photo over 2 MB.
    static func content(_ file: ScannedFile, _ name: FileName, item: MaterialItem?) -> [FolderProblem] {
        let number = item?.number
        guard file.readable else {
            return [FolderProblem(kind: .unreadable, file: file.name, number: number, detail: .unreadable)]
        }
        if file.size == 0 {
            return [FolderProblem(kind: .empty, file: file.name, number: number, detail: .empty)]
        }
        var problems: [FolderProblem] = []
        let actual = FileSignature(file.leadingBytes)
        switch item?.fileExtension ?? name.ext {
        case "pdf" where actual != .pdf:
            problems.append(FolderProblem(kind: .wrongContent, file: file.name, number: number, detail: .notPDF(actual)))
        case "jpg" where actual != .jpeg, "jpeg" where actual != .jpeg:
            problems.append(FolderProblem(kind: .wrongContent, file: file.name, number: number, detail: .notJPEG(actual)))
        default:
            break
        }
        if item?.kind == .photo || (item == nil && (name.ext == "jpg" || name.ext == "jpeg")), file.size > photoLimit {
            problems.append(FolderProblem(kind: .photoTooLarge, file: file.name, number: number,
                                          detail: .photoTooLarge(bytes: file.size, item: item)))
        }
        return problems
    }

    /// `2.4MB`.
    public static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10)MB"
    }
}

/// A file name split for matching: the number it starts with, the short name after it,
/// and the extension, lower-cased. Full-width digits count as digits, so that `１审批表.pdf`
/// is recognised, and reported as misnamed.
struct FileName: Comparable {
    let raw: String
    let number: Int?
    /// The name without the number and the extension.
    let stem: String
    let ext: String

    init(_ raw: String) {
        self.raw = raw
        let base: Substring
        if let dot = raw.lastIndex(of: "."), dot != raw.startIndex {
            base = raw[..<dot]
            ext = raw[raw.index(after: dot)...].lowercased()
        } else {
            base = raw[...]
            ext = ""
        }
        let digits = base.prefix { $0.asciiDigit != nil }
        number = digits.isEmpty ? nil : digits.reduce(0) { $0 * 10 + $1.asciiDigit! }
        stem = String(base.dropFirst(digits.count)).trimmingSpaces
    }

    /// Exactly the item's name, but for the case of the extension.
    func matches(_ item: MaterialItem) -> Bool {
        let base = raw.dropLast(ext.count + (ext.isEmpty ? 0 : 1))
        return String(base) == "\(item.number)\(item.short)" && ext == item.fileExtension
    }

    /// The item whose short name the stem is, or else contains (the longest such).
    func guessShort(in items: [MaterialItem]) -> MaterialItem? {
        if let exact = items.first(where: { $0.short == stem }) { return exact }
        return items.filter { stem.contains($0.short) }.max { $0.short.count < $1.short.count }
    }

    static func < (a: FileName, b: FileName) -> Bool {
        (a.number ?? Int.max, a.raw) < (b.number ?? Int.max, b.raw)
    }
}

extension Character {
    /// 0–9 for an ASCII or a full-width digit.
    var asciiDigit: Int? {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return nil }
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }
}

/// What a file's first bytes say it is.
public enum FileSignature: Hashable, Sendable {
    case pdf, jpeg, png, gif, bmp, tiff, heic, zip, ole, unknown

    init(_ bytes: [UInt8]) {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts(Array("%PDF-".utf8)) { self = .pdf }
        else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if starts([0x89, 0x50, 0x4E, 0x47]) { self = .png }
        else if starts(Array("GIF8".utf8)) { self = .gif }
        else if starts(Array("BM".utf8)) { self = .bmp }
        else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { self = .tiff }
        else if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) { self = .heic }
        else if starts([0x50, 0x4B, 0x03, 0x04]) { self = .zip }
        else if starts([0xD0, 0xCF, 0x11, 0xE0]) { self = .ole }
        else { self = .unknown }
    }
}
