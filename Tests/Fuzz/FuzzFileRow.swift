// libFuzzer target: the reading of one row of an import file (FileRecord.decode, which
// every CSV row goes through after the CSV reader has split it). The first byte picks
// the kind; the rest is split into cells at 0x1F. Whatever the bytes, decoding must not
// crash, and a row it accepts must read back the same from the cells `export` writes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFileRow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kinds = RecordKind.allCases
    let kind = kinds[Int(data[0]) % kinds.count]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let cells = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    var row = [String?](repeating: nil, count: kind.fields.count)
    for (i, cell) in cells.prefix(kind.fields.count).enumerated() { row[i] = cell }
    let today = Day(year: 2026, month: 11, day: 26)!
    guard let record = try? FileRecord.decode(kind, row, today: today) else { return 0 }
    precondition(record.kind == kind, "decoded a row as another kind")
    let again = try? FileRecord.decode(kind, record.values.map { Optional($0) }, today: today)
    precondition(again == record, "a row does not read back the same from its exported cells")
    return 0
}
