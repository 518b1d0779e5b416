// libFuzzer target: the date parser. Whatever the bytes, parsing must not crash, and a
// date it accepts must be real and survive a round trip through its written form.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for allowMonth in [false, true] {
        guard let day = try? Day.parse(text, allowMonth: allowMonth) else { continue }
        precondition(Day(year: day.year, month: day.month, day: day.day) != nil, "accepted an impossible date")
        precondition((try? Day.parse(day.description)) == day, "a date does not survive its written form")
        precondition(Day(ordinal: day.ordinal) == day, "ordinal round trip failed")
    }
    return 0
}
