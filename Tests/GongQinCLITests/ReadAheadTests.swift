import Foundation
import Testing
@testable import GongQinCLI

/// An import reads and decodes its rows on a thread of their own (ReadAhead): the rows
/// reach the importer in the file's order, and an error of either side stops both.
@Suite("reading ahead of the importer")
struct ReadAheadTests {
    struct Failed: Error, Equatable {
        let at: Int
    }

    /// What the making thread did, read after `forEach` returned.
    final class Made: @unchecked Sendable {
        var count = 0
        var refused = false
    }

    @Test("every item comes, in order, through chunks smaller than the whole")
    func order() throws {
        let made = Made()
        let reading = ReadAhead<Int>(chunk: 7, depth: 2) { emit in
            for i in 0..<10_000 {
                made.count += 1
                guard emit(i) else { return }
            }
        }
        var taken: [Int] = []
        try reading.forEach { taken.append($0) }
        #expect(taken == Array(0..<10_000))
        #expect(made.count == 10_000)
    }

    @Test("the maker's error comes after every item it made before it")
    func makerFails() {
        let reading = ReadAhead<Int>(chunk: 64, depth: 2) { emit in
            for i in 0..<1000 { _ = emit(i) }
            throw Failed(at: 1000)
        }
        var taken = 0
        #expect(throws: Failed(at: 1000)) { try reading.forEach { _ in taken += 1 } }
        #expect(taken == 1000)
    }

    @Test("the taker's error stops the maker, and forEach returns once it has stopped")
    func takerFails() {
        let made = Made()
        let reading = ReadAhead<Int>(chunk: 8, depth: 2) { emit in
            for i in 0..<1_000_000 {
                made.count += 1
                guard emit(i) else {
                    made.refused = true
                    return
                }
            }
        }
        #expect(throws: Failed(at: 50)) {
            try reading.forEach { i in if i == 50 { throw Failed(at: 50) } }
        }
        #expect(made.refused)
        // At most the chunks that fit ahead, and the one being made, past the failed item.
        #expect(made.count < 50 + 8 * 4)
    }
}
