/// The numbered SQL migrations of `Schema/`, embedded in the binary so that an installed
/// gongqin needs no files beside it. They are the one source of truth for the schema.
///
/// To add a migration: write `Schema/NNNN_name.sql`, list it under `resources` in
/// Package.swift, and append it here. SwiftPM names the embedded bytes after the file,
/// with the first character replaced (`0001_records.sql` → `_001_records_sql`).
public enum SchemaMigrations {
    /// The migrations in order: (identifier, SQL).
    public static let all: [(identifier: String, sql: String)] = [
        ("0001_records", String(decoding: PackageResources._001_records_sql, as: UTF8.self)),
        ("0002_policy", String(decoding: PackageResources._002_policy_sql, as: UTF8.self)),
        ("0003_ledger", String(decoding: PackageResources._003_ledger_sql, as: UTF8.self)),
        ("0004_jobs", String(decoding: PackageResources._004_jobs_sql, as: UTF8.self)),
        ("0006_departments", String(decoding: PackageResources._006_departments_sql, as: UTF8.self)),
        ("0007_import_batches", String(decoding: PackageResources._007_import_batches_sql, as: UTF8.self)),
        ("0008_record_numbers", String(decoding: PackageResources._008_record_numbers_sql, as: UTF8.self)),
        ("0009_merge_provenance", String(decoding: PackageResources._009_merge_provenance_sql, as: UTF8.self)),
        ("0010_seals", String(decoding: PackageResources._010_seals_sql, as: UTF8.self)),
        ("0011_person_names", String(decoding: PackageResources._011_person_names_sql, as: UTF8.self)),
        ("0012_certificate_authority", String(decoding: PackageResources._012_certificate_authority_sql, as: UTF8.self)),
        ("0013_merge_batches", String(decoding: PackageResources._013_merge_batches_sql, as: UTF8.self)),
    ]

    /// The schema the migrations build, written down (`expected-schema.json`): what a current
    /// file's `sqlite_master` is compared with (GongQinStore's ExpectedSchema reads it;
    /// SchemaSnapshotTests holds it to what the migrations build).
    public static let expectedSchemaJSON: [UInt8] = PackageResources.expected_schema_json
}
