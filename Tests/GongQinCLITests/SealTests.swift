import Foundation
import Testing

/// The unit's seal (README, “The unit's seal”): a signed log head and signed bundles,
/// verified by `check` and by the department's `merge`.
@Suite("the unit's seal: signed heads, signed bundles, the department's trust")
struct SealTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    /// A unit database `db` with its own seal key `key` (a file beside it) and one person.
    func sealedUnit(_ s: Sandbox, db: String, key: String, unit: String) {
        let on = ["--db", s.folder + "/" + db, "--seal-key", s.folder + "/" + key]
        s.ok(["seal", "init"] + on)
        s.ok(["unit", "add", unit, "--department", "某局"] + on)
        s.ok(["person", "add", "--id-number", id, "--name", "张三", "--unit", unit, "--trade", "电工", "--work-start", "2000-07"] + on)
    }

    func publicKey(_ s: Sandbox, key: String) throws -> String {
        let shown = try #require(s.json("seal", "show", "--seal-key", s.folder + "/" + key) as? [String: Any])
        return try #require(shown["publicKey"] as? String)
    }

    @Test("seal init writes a 0600 key, prints one base64 line and a fingerprint; status and check see the seal")
    func initAndShow() throws {
        let s = Sandbox()
        s.seed()
        let key = s.folder + "/.local/state/gongqin/seal.key"
        let out = s.ok("seal", "init")
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(out.contains("公钥：") && out.contains("指纹："))
        #expect(s.fails(65, "seal", "init").contains("已存在"))
        s.person(id)
        let status = s.ok("status")
        #expect(status.contains("印章") && status.contains("指纹") && !status.contains("未盖印章"))
        #expect(s.ok("check").contains("印章：盖于"))
        // A key others may read is refused.
        chmod(key, 0o644)
        #expect(s.fails(65, "unit", "add", "常州市又一单位").contains("chmod 600"))
    }

    @Test("an entry appended by a client that defines gongqin's SQL functions passes the chain, and is found once the file is sealed")
    func appendedEntryFound() throws {
        let s = Sandbox()
        s.seed()
        s.person(id)
        s.tool(["python3", Sandbox.corpus + "/client.py", s.db, "INSERT INTO unit (name) VALUES ('常州市影子单位')"])
        #expect(s.run("check").code == 0, "unsealed, an appended entry passes the chain: the README says so")
        let t = Sandbox()
        t.seed()
        t.ok("seal", "init")
        t.person(id)
        #expect(t.ok("check").contains("校验通过"))
        t.tool(["python3", Sandbox.corpus + "/client.py", t.db, "INSERT INTO unit (name) VALUES ('常州市影子单位')"])
        let checked = t.run("check")
        #expect(checked.code == 1)
        #expect(checked.out.contains("[seal]") && checked.out.contains("未盖印章"), "\(checked.out)")
    }

    @Test("a seal edited, or re-signed with another key, is found")
    func forgedSeals() throws {
        let s = Sandbox()
        s.seed()
        s.ok("seal", "init")
        s.person(id)
        let other = s.folder + "/other.key"
        s.ok("seal", "init", "--seal-key", other, "--db", s.folder + "/scratch.sqlite")
        let edited = s.folder + "/edited.sqlite"
        s.ok("backup", edited)
        // The signature of the last seal changed to another valid base64 string.
        s.tool(["python3", Sandbox.corpus + "/client.py", edited,
                "UPDATE seal SET signature = substr(signature, 2) || substr(signature, 1, 1) WHERE id = (SELECT max(id) FROM seal)"])
        let checked = s.run("check", "--db", edited)
        #expect(checked.code == 1 && checked.out.contains("签名不符"), "\(checked.out)")
        // A write made with another key: a key the file has not seen.
        s.ok("unit", "add", "常州市另一局", "--seal-key", other)
        let again = s.run("check")
        #expect(again.code == 1 && again.out.contains("未见过的密钥"), "\(again.out)")
    }

    @Test("the department merges a bundle of a trusted unit, refuses a forged one and one of another key (65)")
    func trustedBundles() throws {
        let s = Sandbox()
        sealedUnit(s, db: "a.db", key: "a.key", unit: "甲单位")
        let bundle = s.folder + "/a.bundle"
        let made = s.ok("bundle", "--unit", "甲单位", "--output", bundle, "--db", s.folder + "/a.db", "--seal-key", s.folder + "/a.key")
        #expect(made.contains("印章"))
        s.ok("init")
        s.ok("seal", "trust", "甲单位", try publicKey(s, key: "a.key"))
        #expect(s.ok("seal", "trust", "--list").contains("甲单位"))
        // One row edited and the digests recomputed: the seal no longer matches.
        let forged = s.folder + "/forged.bundle"
        try FileManager.default.copyItem(atPath: bundle, toPath: forged)
        s.tool(["python3", Sandbox.corpus + "/bundle/forge.py", forged, "UPDATE person SET work_start = '1999-07-01'"])
        #expect(s.fails(65, "merge", forged).contains("印章"))
        // Sealed by another key.
        sealedUnit(s, db: "b.db", key: "b.key", unit: "甲单位")
        let other = s.folder + "/b.bundle"
        s.ok("bundle", "--unit", "甲单位", "--output", other, "--db", s.folder + "/b.db", "--seal-key", s.folder + "/b.key")
        #expect(s.fails(65, "merge", other).contains("refused"))
        // The genuine one.
        let summary = try #require(s.json("merge", bundle) as? [String: Any])
        let line = try #require((summary["bundles"] as? [[String: Any]])?.first)
        #expect(line["seal"] as? String != "unsealed" && (line["seal"] as? String)?.count == 19)
        // Removing the trust is logged.
        s.ok("seal", "trust", "--remove", "甲单位")
        #expect(s.ok("log", "--table", "seal_trust").contains("删除"))
        // Neither a unit nor --list nor --remove, or a unit without its key: a usage error, not an internal one.
        #expect(s.fails(64, "seal", "trust").contains("三者取一"))
        #expect(s.fails(64, "seal", "trust", "乙单位").contains("缺少公钥"))
    }

    @Test("an unsealed bundle is refused under --require-seal, and merged and reported as unsealed without it")
    func unsealedBundles() throws {
        let s = Sandbox()
        s.ok("unit", "add", "乙单位", "--db", s.folder + "/b.db")
        s.ok("person", "add", "--id-number", id, "--name", "张三", "--unit", "乙单位", "--trade", "电工", "--work-start", "2000-07",
             "--db", s.folder + "/b.db")
        let bundle = s.folder + "/b.bundle"
        s.ok("bundle", "--unit", "乙单位", "--output", bundle, "--db", s.folder + "/b.db")
        s.ok("init")
        #expect(s.fails(65, "merge", bundle, "--require-seal").contains("require-seal"))
        let summary = try #require(s.json("merge", bundle) as? [String: Any])
        #expect((summary["bundles"] as? [[String: Any]])?.first?["seal"] as? String == "unsealed")
    }

    @Test("the private key never appears in the database, a bundle, a backup or the log")
    func keyStaysOut() throws {
        let s = Sandbox()
        sealedUnit(s, db: "a.db", key: "a.key", unit: "甲单位")
        let keyText = try String(contentsOfFile: s.folder + "/a.key", encoding: .utf8)
        let secret = try #require(keyText.split(separator: "\n").last.map(String.init))
        let bundle = s.folder + "/a.bundle"
        let backup = s.folder + "/a.backup"
        s.ok("bundle", "--unit", "甲单位", "--output", bundle, "--db", s.folder + "/a.db", "--seal-key", s.folder + "/a.key")
        s.ok("backup", backup, "--db", s.folder + "/a.db")
        let log = s.ok("log", "--format", "json", "--reveal", "--db", s.folder + "/a.db")
        for file in [s.folder + "/a.db", bundle, backup] {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the private key")
            let raw = try #require(Data(base64Encoded: secret))
            #expect(bytes.range(of: raw) == nil, "\(file) holds the private key's bytes")
        }
        #expect(!log.contains(secret))
    }
}
