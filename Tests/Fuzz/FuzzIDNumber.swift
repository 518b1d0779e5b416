// libFuzzer target: the identity-number parser (RULES §9). Built by Scripts/fuzz with
// `swiftc -sanitize=fuzzer` together with GongQinCore's sources. Whatever the bytes,
// parsing must not crash, and what it accepts must be a valid number.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDNumber(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let id = try? IDNumber(text) else { return 0 }
    let chars = Array(id.text)
    precondition(chars.count == 18, "accepted an identity number that is not 18 characters")
    precondition(IDNumber.checkCharacter(for: chars[..<17]) == chars[17], "accepted a wrong check character")
    precondition(id.masked.count == 18, "masked form of the wrong length")
    precondition((try? IDNumber(id.text))?.text == id.text, "an accepted number does not parse again")
    return 0
}
