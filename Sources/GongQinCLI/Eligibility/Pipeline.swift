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
