/// The sizes gongqin accepts (Documentation/CLI.md, “Limits”). Each is refused with exit 65
/// and a message that names the limit and the way out; the CLI reads and words them from
/// here, and CLI.md states them.
public enum Limits {
    /// A note, a remark or a clause, in characters. The schema checks the same on the notes.
    public static let freeText = 1_000

    // MARK: Import files

    /// An import file, in bytes: 1 GB admits the largest file of a million people that
    /// Scripts/generate writes (assessments.csv, about 160 MB).
    public static let fileBytes: Int64 = 1 << 30
    /// A cell of an import file, in characters: no field is longer than free text.
    public static let cellCharacters = freeText
    /// The columns of a row of an import file. No record kind has more than 12.
    public static let columns = 200

    // MARK: .xlsx workbooks (what is inflated is counted, never what the archive declares)

    /// The workbook part and its relationships, each, inflated.
    public static let workbookPartBytes: Int64 = 16 << 20
    /// The shared strings, inflated: a sheet of a million people as Excel saves it has about 65 MB.
    public static let sharedStringsBytes: Int64 = 128 << 20
    /// Every part read, inflated, together: a sheet of a million people as openpyxl writes it has about 350 MB.
    public static let workbookBytes: Int64 = 2 << 30
    /// Every part read, inflated, against the file's size: a real workbook inflates 5 to 20
    /// times (one of a million people as openpyxl writes it, 12 times).
    public static let workbookRatio: Int64 = 50
    /// Below this, all parts together, a workbook is never refused for its ratio: a few
    /// kilobytes of rows may well inflate a hundredfold.
    public static let workbookRatioFloor: Int64 = 32 << 20

    // MARK: Names: the lengths the schema checks (Schema/0001_records.sql, 0004_jobs.sql)

    public static let personName = 50
    public static let unitName = 200
    public static let departmentName = 200
    public static let districtName = 100
    public static let tradeName = 100
    public static let tradeCategory = 50
    public static let province = 20
    public static let certificateNumber = 50
    public static let major = 100
    public static let school = 100
    public static let awardName = 100
    public static let trainingName = 100
    public static let issuer = 100
    /// 发证机关 of a certificate (Schema/0012).
    public static let certificateAuthority = 100
    public static let conditionName = 100
    public static let jobUnit = 200
    public static let post = 100

    /// The characters of `text` as the schema counts them (SQLite's `length(trim(…))`).
    public static func length(_ text: String) -> Int { text.trimmingSpaces.unicodeScalars.count }

    /// The problem of a text longer than `limit` characters.
    public static func lengthProblem(_ field: String, _ text: String?, limit: Int,
                                     what: @autoclosure () -> RecordProblem.Subject) -> FieldProblem? {
        // No text of at most `limit` UTF-8 bytes has more than `limit` characters: most
        // cells are told apart by their byte count, without trimming and counting.
        guard let text, text.utf8.count > limit, length(text) > limit else { return nil }
        return FieldProblem(field, .tooLong(what(), length: length(text), limit: limit))
    }

    /// The problems of a free text (a note, a remark): a refused character, or more than
    /// `freeText` characters.
    public static func freeTextProblem(_ field: String, _ text: String?, what: RecordProblem.Subject) -> FieldProblem? {
        guard let text else { return nil }
        return TextSafety.characterProblem(field, text, what: what) ?? lengthProblem(field, text, limit: freeText, what: what)
    }
}
