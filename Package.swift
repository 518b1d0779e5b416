// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "gongqin",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gongqin", targets: ["gongqin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The domain and the rules: pure Swift, no I/O, no SQLite.
        // The 2024 notice's parameters (Policy/policy-2024.json) are embedded too; each
        // folder's README.md is for readers, not the build.
        .target(
            name: "GongQinCore",
            exclude: ["Exceptional/README.md", "Files/README.md", "Materials/README.md", "Policy/README.md",
                      "Records/README.md", "Rules/README.md", "Values/README.md"],
            resources: [.embedInCode("Policy/policy-2024.json")]
        ),
        // The numbered SQL migrations, embedded in the binary.
        .target(
            name: "GongQinSchema",
            path: "Schema",
            resources: [
                .embedInCode("0001_records.sql"),
                .embedInCode("0002_policy.sql"),
                .embedInCode("0003_ledger.sql"),
                .embedInCode("0004_jobs.sql"),
                .embedInCode("0006_departments.sql"),
                .embedInCode("0007_import_batches.sql"),
                .embedInCode("0008_record_numbers.sql"),
                .embedInCode("0009_merge_provenance.sql"),
                .embedInCode("0010_seals.sql"),
                .embedInCode("0011_person_names.sql"),
                .embedInCode("0012_certificate_authority.sql"),
                .embedInCode("0013_merge_batches.sql"),
                .embedInCode("expected-schema.json"),
            ]
        ),
        // A connection setting Swift cannot reach: SQLite's variadic sqlite3_db_config.
        .target(
            name: "GongQinSQLiteConfig",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // The repository layer over SQLite: the only place with SQL.
        .target(
            name: "GongQinStore",
            dependencies: [
                "GongQinCore",
                "GongQinSchema",
                "GongQinSQLiteConfig",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Database/README.md", "Departments/README.md", "Files/README.md", "Gate/README.md",
                      "Integrity/README.md", "Ledger/README.md", "Log/README.md", "Policy/README.md",
                      "Records/README.md"]
        ),
        // The commands and the output formats.
        .target(
            name: "GongQinCLI",
            dependencies: [
                "GongQinCore",
                "GongQinStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Arguments/README.md", "Departments/README.md", "Eligibility/README.md", "Files/README.md",
                      "Ledger/README.md", "Output/README.md", "Records/README.md", "Upkeep/README.md", "Wording/README.md"],
            // The report's page template, embedded in the binary.
            resources: [.embedInCode("Templates/report.mustache")]
        ),
        .executableTarget(name: "gongqin", dependencies: ["GongQinCLI"]),

        .testTarget(name: "GongQinCoreTests", dependencies: ["GongQinCore"]),
        .testTarget(
            name: "GongQinStoreTests",
            dependencies: ["GongQinStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "GongQinCLITests",
            // The store and GRDB: to put a past cycle's applications straight into a test
            // database for the export tests; `apply` files for the coming cycle only.
            dependencies: ["GongQinCLI", "gongqin", "GongQinStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
