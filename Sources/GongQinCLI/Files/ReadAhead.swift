import Foundation

/// Items made on a thread of their own, ahead of the thread that takes them, and taken in
/// the order they were made: an import reads and decodes a file's rows on one core while
/// the thread that holds the transaction checks and writes them on the other
/// (BENCHMARKS.md). At most `depth` chunks of `chunk` items wait, so a file of a province
/// streams without piling up in memory.
///
/// The making thread owns everything `produce` touches until `forEach` returns; the taking
/// thread may look at it afterwards. An error of either side stops both: the maker's is
/// thrown by `forEach` after the items made before it were taken, as if one thread had
/// done both; the taker's stops the maker at its next item, and `forEach` returns only
/// once the maker has stopped.
final class ReadAhead<Item: Sendable>: @unchecked Sendable {
    /// Hands one item to the taker; false when the taker has stopped.
    typealias Emit = (Item) -> Bool

    private let produce: (Emit) throws -> Void
    private let chunk: Int
    private let depth: Int
    private let state = NSCondition()
    private var ready: [[Item]] = []
    private var made = false
    private var stopped = false
    private var failure: (any Error)?

    init(chunk: Int = 256, depth: Int = 8, produce: @escaping (Emit) throws -> Void) {
        self.chunk = chunk
        self.depth = depth
        self.produce = produce
    }

    /// Runs the maker on a thread of its own and `body` on this one, for each item in order.
    func forEach(_ body: (Item) throws -> Void) throws {
        let maker = Thread { [self] in make() }
        maker.stackSize = 8 << 20
        maker.start()
        do {
            while let items = next() {
                for item in items { try body(item) }
            }
        } catch {
            state.lock()
            stopped = true
            state.broadcast()
            while !made { state.wait() }
            state.unlock()
            throw error
        }
        if let failure { throw failure }
    }

    /// The maker's side: its items in chunks, then the end.
    private func make() {
        var pending: [Item] = []
        pending.reserveCapacity(chunk)
        func hand(_ items: [Item]) -> Bool {
            state.lock()
            defer { state.unlock() }
            while ready.count >= depth && !stopped { state.wait() }
            guard !stopped else { return false }
            ready.append(items)
            state.broadcast()
            return true
        }
        var error: (any Error)?
        do {
            try produce { item in
                pending.append(item)
                guard pending.count == self.chunk else { return true }
                defer { pending.removeAll(keepingCapacity: true) }
                return hand(pending)
            }
            if !pending.isEmpty { _ = hand(pending) }
        } catch let thrown {
            if !pending.isEmpty { _ = hand(pending) }
            error = thrown
        }
        state.lock()
        failure = error
        made = true
        state.broadcast()
        state.unlock()
    }

    /// The taker's side: the next chunk, or nil when the maker has finished and every
    /// chunk was taken.
    private func next() -> [Item]? {
        state.lock()
        defer { state.unlock() }
        while ready.isEmpty && !made { state.wait() }
        guard !ready.isEmpty else { return nil }
        state.broadcast()
        return ready.removeFirst()
    }
}
