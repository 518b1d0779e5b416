// libFuzzer target: the reading of one row of an import file (FileRecord.decode, which
// every CSV row goes through after the CSV reader has split it). The first byte picks
// the kind; the rest is split into cells at 0x1F. Whatever the bytes, decoding must not
// crash, and a row it accepts must read back the same from the cells `export` writes.
// The same bytes, after the first, are also read as a CSV file by CSVParser, the import's
// reader (BENCHMARKS.md): whole and in two chunks it must give the same rows or the same
// error, and rows it reads must read back the same once written as CSV.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFileRow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kinds = RecordKind.allCases
    let kind = kinds[Int(data[0]) % kinds.count]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let cells = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    var row = [String?](repeating: nil, count: kind.fields.count)
    for (i, cell) in cells.prefix(kind.fields.count).enumerated() { row[i] = cell }
    checkCSV(Array(bytes), split: Int(data[0]))
    let today = Day(year: 2026, month: 11, day: 26)!
    guard let record = try? FileRecord.decode(kind, row, today: today) else { return 0 }
    precondition(record.kind == kind, "decoded a row as another kind")
    let again = try? FileRecord.decode(kind, record.values.map { Optional($0) }, today: today)
    precondition(again == record, "a row does not read back the same from its exported cells")
    return 0
}

func checkCSV(_ bytes: [UInt8], split: Int) {
    let whole = Result { try CSVParser.rows(bytes) }
    var parser = CSVParser()
    var rows: [[String]] = []
    let cut = bytes.isEmpty ? 0 : split % (bytes.count + 1)
    let chunked = Result { () throws -> [[String]] in
        _ = try bytes[..<cut].withUnsafeBufferPointer { try parser.feed($0) { rows.append($0); return true } }
        _ = try bytes[cut...].withUnsafeBufferPointer { try parser.feed($0) { rows.append($0); return true } }
        try parser.finish { rows.append($0); return true }
        return rows
    }
    switch (whole, chunked) {
    case (.success(let a), .success(let b)):
        precondition(a == b, "CSV rows depend on where the input is cut")
        let written = Array(a.map(CSVParser.line).joined().utf8)
        precondition((try? CSVParser.rows(written)) == a, "CSV rows do not read back the same once written")
    case (.failure(let a as CSVParser.Failure), .failure(let b as CSVParser.Failure)):
        precondition(a == b, "CSV errors depend on where the input is cut")
    default:
        preconditionFailure("CSV reads or fails depending on where the input is cut")
    }
}
