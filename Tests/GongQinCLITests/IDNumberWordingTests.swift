@testable import GongQinCLI
import GongQinCore
import Testing

/// The words of `IDNumber.Invalid`, which CoreWording writes (moved from
/// GongQinCoreTests/IDNumberTests when the words left Core).
@Suite("身份证号's problems in words")
struct IDNumberWordingTests {
    @Test("every reason reads as Chinese")
    func messages() {
        #expect(IDNumber.Invalid.length(17).chinese == "身份证号应为18位，这里是17位")
        #expect(IDNumber.Invalid.checkCharacter(expected: "X", found: "1").chinese.contains("最后一位应为X"))
    }
}
