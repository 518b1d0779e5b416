import Dispatch

/// Work handed from the thread that reads the database to one that processes it, in
/// order, with at most `depth` items waiting: a province's records stream through two
/// cores without piling up in memory.
final class Pipeline<Item: Sendable>: @unchecked Sendable {
    private let queue = DispatchQueue(label: "gongqin.pipeline")
    private let slots: DispatchSemaphore
    private let body: @Sendable (Item) -> Void

    init(depth: Int = 4, _ body: @escaping @Sendable (Item) -> Void) {
        slots = DispatchSemaphore(value: depth)
        self.body = body
    }

    /// Queues `item`; waits while `depth` items are already waiting.
    func submit(_ item: Item) {
        slots.wait()
        queue.async {
            self.body(item)
            self.slots.signal()
        }
    }

    /// Waits until every item has been processed.
    func finish() {
        queue.sync {}
    }
}

/// A value one thread at a time changes: the pipeline's queue, after the reader is done
/// handing it over.
final class Box<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}
