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
public struct FolderProblem: Hashable, Sendable, Encodable {
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
    /// One Chinese line: what is wrong and how to fix it.
    public var message: String

    public var isNotice: Bool { kind.isNotice }
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
        let naming = "（\(Formality.materials.clause)）"

        for file in files.sorted(by: { FileName($0.name) < FileName($1.name) }) {
            if file.isDirectory {
                problems.append(FolderProblem(kind: .subfolder, file: file.name, number: nil,
                                              message: "“\(file.name)”是子文件夹，其中的文件未检查；上传时只传本文件夹中按序号命名的文件"))
                continue
            }
            if file.isSpecial {
                problems.append(FolderProblem(kind: .notRegular, file: file.name, number: nil,
                                              message: "“\(file.name)”不是普通文件（命名管道、设备或套接字），未读取，已跳过；上传时不要选它"))
                continue
            }
            if isSystemFile(file.name) {
                problems.append(FolderProblem(kind: .systemFile, file: file.name, number: nil,
                                              message: "“\(file.name)”是系统自动生成的文件，上传时不要选它（不影响检查）"))
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
                    let what = name.number == nil
                        ? "缺序号"
                        : "序号不对：“\(byShort.short)”是第\(byShort.number)项"
                    problems.append(FolderProblem(kind: .misnamed, file: file.name, number: byShort.number,
                                                  message: "“\(file.name)”\(what)，应命名为“\(byShort.fileName)”\(naming)"))
                } else if let byNumber {
                    item = byNumber
                    let what: String
                    if name.stem == byNumber.short {
                        what = byNumber.kind == .photo ? "扩展名不对：照片须为jpg" : "扩展名不对：每项须扫描为一个PDF"
                    } else {
                        what = "简称不对：第\(byNumber.number)项的简称是“\(byNumber.short)”"
                    }
                    problems.append(FolderProblem(kind: .misnamed, file: file.name, number: byNumber.number,
                                                  message: "“\(file.name)”\(what)，应命名为“\(byNumber.fileName)”\(naming)"))
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
                let listed = files.map { "“\($0.name)”" }.joined()
                problems.append(FolderProblem(kind: .duplicate, file: files[1].name, number: item.number,
                                              message: "第\(item.number)项有\(files.count)个文件：\(listed)；一个序号只能一个文件，请合并为“\(item.fileName)”\(naming)"))
            }
            let required = materials.applicable.first { $0.number == item.number }?.required ?? true
            if files.isEmpty && required {
                problems.append(FolderProblem(kind: .missing, file: nil, number: item.number,
                                              message: "缺少第\(item.number)项“\(item.fileName)”：\(item.title)"))
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
        let range = "\(numbers.min() ?? 1)–\(numbers.max() ?? 1)"
        let message: String
        if let gap {
            message = "“\(file.name)”：第\(gap.number)项“\(gap.item.short)”不适用于本人（\(gap.note)），请移出文件夹"
        } else {
            message = "“\(file.name)”不是本清单的材料（\(materials.list.chinese)清单序号\(range)，\(materials.list.clause)），请按“序号+简称”改名或移出文件夹"
        }
        return FolderProblem(kind: .unexpected, file: file.name, number: nil, message: message)
    }

    /// The content checks: an empty file; a file that is not what its extension says (the
    /// extension its item wants, when the name has another: renaming a PDF called `.jpg`
    /// fixes it, renaming a PNG does not); a photo over 2 MB.
    static func content(_ file: ScannedFile, _ name: FileName, item: MaterialItem?) -> [FolderProblem] {
        let number = item?.number
        guard file.readable else {
            return [FolderProblem(kind: .unreadable, file: file.name, number: number,
                                  message: "无法读取“\(file.name)”，请检查文件权限后重试")]
        }
        if file.size == 0 {
            return [FolderProblem(kind: .empty, file: file.name, number: number,
                                  message: "“\(file.name)”是空文件（0字节），请重新扫描")]
        }
        var problems: [FolderProblem] = []
        let actual = FileSignature(file.leadingBytes)
        switch item?.fileExtension ?? name.ext {
        case "pdf" where actual != .pdf:
            problems.append(FolderProblem(kind: .wrongContent, file: file.name, number: number,
                                          message: "“\(file.name)”不是真正的PDF（PDF文件以 %PDF- 开头，这个文件\(actual.chinese)），请重新扫描或另存为PDF"))
        case "jpg" where actual != .jpeg, "jpeg" where actual != .jpeg:
            problems.append(FolderProblem(kind: .wrongContent, file: file.name, number: number,
                                          message: "“\(file.name)”不是真正的JPEG（JPEG文件以 FF D8 FF 开头，这个文件\(actual.chinese)），请另存为jpg"))
        default:
            break
        }
        if item?.kind == .photo || (item == nil && (name.ext == "jpg" || name.ext == "jpeg")), file.size > photoLimit {
            let clause = item.map { "，\($0.clause)" } ?? ""
            problems.append(FolderProblem(kind: .photoTooLarge, file: file.name, number: number,
                                          message: "照片“\(file.name)”大小\(megabytes(file.size))（\(file.size)字节），超过2MB（照片大小不超过2M\(clause)），请压缩后再上传"))
        }
        return problems
    }

    /// `2.4MB`.
    static func megabytes(_ bytes: Int) -> String {
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
enum FileSignature: Equatable {
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

    var chinese: String {
        switch self {
        case .pdf: "是PDF"
        case .jpeg: "是JPEG图片"
        case .png: "实际是PNG图片"
        case .gif: "实际是GIF图片"
        case .bmp: "实际是BMP图片"
        case .tiff: "实际是TIFF图片"
        case .heic: "实际是HEIC等手机照片格式"
        case .zip: "实际是Word/Excel文档或压缩包"
        case .ole: "实际是旧版Word/Excel文档"
        case .unknown: "的开头不是这两种格式"
        }
    }
}
