/// A stored property of a record, read and written at its place in the record
/// (`MemoryLayout.offset(of:)`) when it has one, and through its key path otherwise.
///
/// A field of a `RecordSpec` is generic code over a key path, and a key path applied there
/// goes through the runtime at every use (`swift_setAtWritableKeyPath`, its exclusivity
/// checks, the key path's kind): about a twentieth of the thread that reads `eligible`'s
/// records, and of the insert's binding on an import's writing thread.
struct StoredProperty<Record, Value>: Sendable {
    let path: WritableKeyPath<Record, Value> & Sendable
    /// The property's offset in `Record`: nil unless it is stored inline in a struct.
    let offset: Int?

    init(_ path: WritableKeyPath<Record, Value> & Sendable) {
        self.path = path
        offset = MemoryLayout<Record>.offset(of: path)
    }

    func get(_ record: Record) -> Value {
        guard let offset else { return record[keyPath: path] }
        // The bytes at `offset` are the property's, of type `Value`: what `offset(of:)` promises.
        return withUnsafeBytes(of: record) { $0.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Value.self).pointee }
    }

    func set(_ record: inout Record, _ value: Value) {
        guard let offset else {
            record[keyPath: path] = value
            return
        }
        withUnsafeMutableBytes(of: &record) { $0.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Value.self).pointee = value }
    }
}
