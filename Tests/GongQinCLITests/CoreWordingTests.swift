@testable import GongQinCLI
import GongQinCore
import Testing

/// The words of Core's typed values that no command's test prints: each is the line Core
/// itself wrote before it was typed.
@Suite("Core's typed values are worded as before")
struct CoreWordingTests {
    @Test("a grade and module without a list of materials is refused with its rule", arguments: [
        (MaterialListRefusal.transfer(.technician), "（T3，"), (.review(.seniorTechnician), "（V0，"), (.early(.junior), "（E2、E3，"),
    ])
    func materialListRefusal(_ refusal: MaterialListRefusal, _ rule: String) {
        #expect(refusal.gongqin.kind == .refused)
        #expect(refusal.gongqin.message.contains(rule))
    }
}
