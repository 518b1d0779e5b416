import Testing
@testable import GongQinCore

/// `StoredProperty`: a record's field read and written at its offset, or through its key
/// path where it has none, with the same result either way.
@Suite("a stored property, at its offset or through its key path")
struct StoredPropertyTests {
    struct Inner: Hashable {
        var code: String
        var year: Int?
    }

    struct Sample: Hashable {
        var number = 7
        var name = "一个超过十五个字节的名字，存放在堆上"
        var issued: Day? = nil
        var inner = Inner(code: "a", year: nil)
        /// Not stored: reached through the key path.
        var shout: String {
            get { name + "！" }
            set { name = String(newValue.dropLast()) }
        }
    }

    final class Box {
        var name = "盒子"
    }

    @Test("stored fields, nested ones and optionals are written and read at their offset, texts keep their values")
    func stored() {
        let name = StoredProperty(\Sample.name), number = StoredProperty(\Sample.number)
        let issued = StoredProperty(\Sample.issued), year = StoredProperty(\Sample.inner.year)
        #expect(name.offset != nil && number.offset != nil && issued.offset != nil && year.offset != nil)
        var sample = Sample()
        let before = sample
        name.set(&sample, String(repeating: "长", count: 40))
        number.set(&sample, 42)
        issued.set(&sample, Day(year: 2024, month: 4, day: 15))
        year.set(&sample, 2023)
        #expect(sample.name == String(repeating: "长", count: 40) && sample.number == 42)
        #expect(sample.issued == Day(year: 2024, month: 4, day: 15) && sample.inner.year == 2023 && sample.inner.code == "a")
        #expect(name.get(sample) == sample.name && number.get(sample) == 42 && year.get(sample) == 2023)
        // The copy taken before is untouched: the write replaced the value, it did not reach into shared storage.
        #expect(before == Sample())
        issued.set(&sample, nil)
        #expect(sample.issued == nil && issued.get(sample) == nil)
    }

    @Test("a computed property and a class's property go through the key path")
    func keyPathFallback() {
        let shout = StoredProperty(\Sample.shout)
        #expect(shout.offset == nil)
        var sample = Sample()
        shout.set(&sample, "张三！")
        #expect(sample.name == "张三" && shout.get(sample) == "张三！")
        let boxed = StoredProperty(\Box.name)
        #expect(boxed.offset == nil)
        var box = Box()
        boxed.set(&box, "箱子")
        #expect(box.name == "箱子" && boxed.get(box) == "箱子")
    }
}
