// libFuzzer target: the identity-number parser (RULES §9). Built by Scripts/fuzz with
// `swiftc -sanitize=fuzzer` together with GongQinCore's sources. Whatever the bytes,
// parsing must not crash, and what it accepts must be a valid number: its check character
// is computed here from GB 11643's formula, not by the parser's own function.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDNumber(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let id = try? IDNumber(text) else { return 0 }
    let chars = Array(id.text)
    precondition(chars.count == 18, "accepted an identity number that is not 18 characters")
    precondition(gb11643CheckCharacter(chars[..<17]) == chars[17], "accepted a wrong check character")
    precondition(id.masked.count == 18, "masked form of the wrong length")
    precondition((try? IDNumber(id.text))?.text == id.text, "an accepted number does not parse again")
    return 0
}

/// GB 11643-1999's check character, independently of `IDNumber`: the digit in position i
/// (from the right, the check character being 1) weighs 2^(i−1) mod 11; the check value is
/// (12 − sum mod 11) mod 11, 10 written X. Nil unless the body is 17 ASCII digits.
private func gb11643CheckCharacter(_ body: ArraySlice<Character>) -> Character? {
    guard body.count == 17, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    var sum = 0
    for (k, character) in body.enumerated() {
        var weight = 1
        for _ in 0..<(17 - k) { weight = weight * 2 % 11 }
        sum += character.wholeNumberValue! * weight
    }
    let value = (12 - sum % 11) % 11
    return value == 10 ? "X" : Character(String(value))
}
