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

/// A value one thread at a time changes: the pipeline's results queue, where `consume`
/// adds each result to it.
final class Box<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}
