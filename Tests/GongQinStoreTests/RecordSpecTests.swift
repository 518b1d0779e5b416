import Foundation
import GongQinCore
import GRDB
import Testing
@testable import GongQinStore

/// Each kind's spec against its table, and the names of tables and columns: one label per
/// column wherever a column is named (the log, a merge's report, the gate, files).
@Suite("record specs: each spec is its table; one label per column")
struct RecordSpecTests {
    /// Every spec, as the table it describes: its columns and which must be given.
    static let specs: [(table: String, columns: [String], required: [String])] = [
        described(RecordSpecs.certificate), described(RecordSpecs.transfer), described(RecordSpecs.assessment),
        described(RecordSpecs.education), described(RecordSpecs.award), described(RecordSpecs.training),
        described(RecordSpecs.job), described(RecordSpecs.person), described(RecordSpecs.unit), described(RecordSpecs.trade),
        described(RecordSpecs.exceptionalUse),
    ]

    static func described<R>(_ spec: RecordSpec<R>) -> (table: String, columns: [String], required: [String]) {
        (spec.table, spec.columns, spec.fields.filter(\.required).map(\.column))
    }

    @Test("each spec names every column of its table, and only those; a required field is NOT NULL")
    func specsAreTheirTables() throws {
        let store = try TempStore()
        try store.database.read { s in
            for spec in Self.specs {
                let rows = try Row.fetchAll(s.db, sql: "SELECT name, \"notnull\" FROM pragma_table_info(?)", arguments: [spec.table])
                #expect(!rows.isEmpty, "no table \(spec.table)")
                let columns: [String] = rows.map { $0["name"] }
                #expect(Set(columns) == Set(spec.columns), "\(spec.table): table \(columns), spec \(spec.columns)")
                for row in rows where spec.required.contains(row["name"] as String) {
                    #expect(row["notnull"] as Int == 1, "\(spec.table).\(row["name"] as String) is required but nullable")
                }
            }
        }
        // Every kind of record has a spec.
        #expect(Self.specs.map(\.table).sorted() == RecordKind.allCases.map(\.table).sorted())
    }

    @Test("the store's person row reads the person's columns in the spec's order")
    func personRow() {
        #expect(PersonRow.columnList == (RecordSpecs.person.internalColumns + RecordSpecs.person.fields.map(\.column)).joined(separator: ", "))
        #expect(RecordKind.persons.table == RecordSpecs.person.table && PersonRow.databaseTableName == RecordSpecs.person.table)
    }

    @Test("a column is named by one label: its field's, in the log, a merge's report and the files alike")
    func oneLabelPerColumn() {
        var compared = 0
        for kind in RecordKind.allCases {
            for field in kind.fields where !field.isIDNumber {
                let column = kind.column(of: field)
                #expect(StoredNames.column(column, of: kind.table) == field.label, "\(kind.table).\(column)")
                #expect(MergeReport.fieldName(column, of: kind.table) == field.label, "\(kind.table).\(column)")
                compared += 1
            }
            #expect(StoredNames.table(kind.table) == kind.chinese)
            #expect(MergeReport.tableName(kind.table) == kind.chinese)
            #expect(Tables.chineseName(of: kind.table) == kind.chinese)
        }
        #expect(compared > 40)
        // The three that disagreed (issue 25).
        #expect(StoredNames.column("from_province", of: "person") == "调出省份")
        #expect(StoredNames.column("issuer", of: "award") == "授予单位")
        #expect(StoredNames.table("unit") == "用人单位")
        #expect(StoredNames.column("authority", of: "certificate") == "发证机关")
    }

    @Test("a record written through its spec reads back the same, by GRDB row and by statement")
    func specRoundTrip() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        let certificate = Certificate(trade: "电工", grade: .intermediate, issued: Day(year: 2010, month: 6, day: 1)!,
                                      number: "A-1", route: .early, province: "浙江", authority: "浙江省人社厅")
        try store.database.write { s in try s.people.add(RecordKinds.certificate, certificate, to: id, today: TempStore.today) }
        let listed = try store.database.read { s in try s.people.list(RecordKinds.certificate, of: id) }
        #expect(listed.map(\.record) == [certificate])
        let bulk = try store.database.read { s in try s.people.record(id) }
        #expect(bulk.certificates == [certificate])
    }
}
