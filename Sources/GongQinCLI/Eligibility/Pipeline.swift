import Dispatch
import Foundation

/// Work handed from the thread that reads the database to `workers` threads that transform
/// items at the same time, and their results handed on in the order the items came, on
/// one thread, with at most `depth` items a worker in flight: a province's records stream
/// through every core without piling up in memory, and `eligible` still prints in the
/// order it reads.
final class Pipeline<Item: Sendable, Result>: @unchecked Sendable {
    private let work = DispatchQueue(label: "gongqin.pipeline.work", attributes: .concurrent)
    private let results = DispatchQueue(label: "gongqin.pipeline.results")
    private let slots: DispatchSemaphore
    private let transform: @Sendable (Item) -> Result
    private let consume: (Result) -> Void

    /// One item's result, filled by a worker and read by the results thread.
    private final class Slot: @unchecked Sendable {
        var result: Result?
        let done = DispatchSemaphore(value: 0)
    }

    init(workers: Int = Cores.count, depth: Int = 4, transform: @escaping @Sendable (Item) -> Result,
         consume: @escaping (Result) -> Void) {
        slots = DispatchSemaphore(value: max(1, workers) * depth)
        self.transform = transform
        self.consume = consume
    }

    /// Queues `item`; waits while enough items are already in flight.
    func submit(_ item: Item) {
        slots.wait()
        let slot = Slot()
        work.async {
            slot.result = self.transform(item)
            slot.done.signal()
        }
        results.async {
            slot.done.wait()
            self.consume(slot.result!)
            self.slots.signal()
        }
    }

    /// Waits until every result has been handed on.
    func finish() {
        results.sync {}
    }
}

/// The cores this machine has: how many threads judge at once.
enum Cores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// A value one thread at a time changes: the pipeline's queue, after the reader is done
/// handing it over.
final class Box<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Work handed from the reading thread to `workers` threads, each with a state of its
/// own, in no particular order: for work whose results are added up at the end, such as
/// `forecast`'s counts.
final class Fanout<Item: Sendable, State>: @unchecked Sendable {
    private let queues: [DispatchQueue]
    private let slots: DispatchSemaphore
    /// One box a worker, so that workers never touch the same storage.
    private let states: [Box<State>]
    private let body: @Sendable (inout State, Item) -> Void
    private var next = 0

    init(workers: Int, depth: Int = 4, state: () -> State, _ body: @escaping @Sendable (inout State, Item) -> Void) {
        queues = (0..<max(1, workers)).map { DispatchQueue(label: "gongqin.fanout.\($0)") }
        slots = DispatchSemaphore(value: max(1, workers) * depth)
        states = (0..<max(1, workers)).map { _ in Box(state()) }
        self.body = body
    }

    /// Queues `item` on the next worker; waits while enough items are already waiting.
    func submit(_ item: Item) {
        slots.wait()
        let i = next
        next = (next + 1) % queues.count
        queues[i].async {
            self.body(&self.states[i].value, item)
            self.slots.signal()
        }
    }

    /// Waits until every item has been processed, and returns each worker's state.
    func finish() -> [State] {
        for queue in queues { queue.sync {} }
        return states.map(\.value)
    }
}
