import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Practices: admins create them and say who is in them")
struct PracticesAdminTests {
    func admin(_ app: TestApp, _ handle: String) async throws -> Browser {
        let browser = try await app.signedUpBrowser(handle: handle)
        let user = try #require(try await User.query(on: app.db).filter(\.$handle == handle).first())
        try await UserRole(userID: try user.requireID(), role: .admin).create(on: app.db)
        return browser
    }

    func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    @Test("an admin creates and edits a practice; bad details are refused naming each field and leave no row; members cannot")
    func practices() async throws {
        try await withTestApp { app in
            let desk = try await admin(app, "practice_admin_1")
            let member = try await app.signedUpBrowser(handle: "practice_member_1")
            let harbour: [String: any Sendable] = [
                "name": "Harbour Counselling", "description": "Talk therapy for adults, in person and by video.",
                "website": "https://harbour.example.org", "jurisdictions": ["us-ca", "IE"],
            ]
            #expect(try await member.json(.POST, "/api/v1/admin/practices", harbour, headers: csrf(member)).status == .forbidden)
            #expect(try await Browser(app).json(.GET, "/api/v1/admin/practices").status != .ok)

            let bad = try await desk.json(
                .POST, "/api/v1/admin/practices", ["name": " ", "website": "javascript:alert(1)", "jurisdictions": ["XX"]], headers: csrf(desk))
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.problemFields) == ["name", "website", "jurisdictions"], "\(bad.text)")
            #expect(try await Practice.query(on: app.db).count() == 0, "a refused practice left a row")

            let created = try await desk.json(.POST, "/api/v1/admin/practices", harbour, headers: csrf(desk))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"] as? String)
            let places = created.json["jurisdictions"] as? [[String: Any]] ?? []
            #expect(places.map { $0["name"] as? String } == ["California, United States", "Ireland"])
            let again = try await desk.json(.POST, "/api/v1/admin/practices", harbour, headers: csrf(desk))
            #expect(again.status == .unprocessableEntity && again.problemFields == ["name"], "\(again.text)")

            let edited = try await desk.json(.PATCH, "/api/v1/admin/practices/\(id)", ["jurisdictions": ["US-CA", "US-OR"]], headers: csrf(desk))
            #expect(edited.status == .ok)
            #expect((edited.json["jurisdictions"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["US-CA", "US-OR"])
            #expect(edited.json["website"] as? String == "https://harbour.example.org", "a field left out kept its value")
            let listed = try await desk.get("/api/v1/admin/practices").json["items"] as? [[String: Any]] ?? []
            #expect(listed.count == 1)
            #expect(try await app.auditRows(.practiceCreate).count == 1)
            #expect(try await app.auditRows(.practiceUpdate).first?.detail == "jurisdictions")
        }
    }

    @Test("members: a clinician belongs to one practice, a coordinator needs the coordinator role, nobody twice; removal is audited")
    func members() async throws {
        try await withTestApp { app in
            let desk = try await admin(app, "practice_admin_2")
            _ = try await app.signedUpBrowser(handle: "dr_rivera")
            _ = try await app.signedUpBrowser(handle: "front_desk")
            func practice(_ name: String) async throws -> String {
                let made = try await desk.json(
                    .POST, "/api/v1/admin/practices", ["name": name, "website": "https://\(name.lowercased()).example.org", "jurisdictions": ["IE"]],
                    headers: csrf(desk))
                return try #require(made.json["id"] as? String)
            }
            let first = try await practice("Quay")
            let second = try await practice("Strand")
            func add(_ handle: String, _ role: String, to id: String) async throws -> TestingHTTPResponse {
                try await desk.json(.POST, "/api/v1/admin/practices/\(id)/members", ["handle": handle, "role": role], headers: csrf(desk))
            }

            #expect(try await add("dr_rivera", "clinician", to: first).status == .created)
            let elsewhere = try await add("dr_rivera", "clinician", to: second)
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.text.contains("one practice"), "\(elsewhere.text)")
            #expect(try await add("dr_rivera", "practice_admin", to: first).status == .created, "a clinician can also run the practice")
            #expect(try await add("dr_rivera", "practice_admin", to: first).text.contains("already"))

            let noRole = try await add("front_desk", "coordinator", to: first)
            #expect(noRole.status == .unprocessableEntity && noRole.problemFields == ["role"] && noRole.text.contains("coordinator role"))
            let user = try #require(try await User.query(on: app.db).filter(\.$handle == "front_desk").first())
            try await UserRole(userID: try user.requireID(), role: .coordinator).create(on: app.db)
            let added = try await add("@Front_Desk", "coordinator", to: first)
            #expect(added.status == .created, "\(added.text)")
            #expect(try await add("nobody_here", "clinician", to: first).problemFields == ["handle"])
            #expect(try await add("front_desk", "receptionist", to: first).problemFields == ["role"])

            let members = added.json["members"] as? [[String: Any]] ?? []
            #expect(
                members.map { "\($0["handle"] ?? "") \($0["role"] ?? "")" } == ["dr_rivera clinician", "dr_rivera practice_admin", "front_desk coordinator"])
            let coordinatorRow = try #require(members.first { $0["role"] as? String == "coordinator" }?["id"] as? String)
            #expect(try await desk.json(.DELETE, "/api/v1/admin/practices/\(second)/members/\(coordinatorRow)", headers: csrf(desk)).status == .notFound)
            #expect(try await desk.json(.DELETE, "/api/v1/admin/practices/\(first)/members/\(coordinatorRow)", headers: csrf(desk)).status == .noContent)
            #expect(try await PracticeMember.query(on: app.db).count() == 2)
            #expect(try await app.auditRows(.practiceMemberAdd).count == 3)
            #expect(try await app.auditRows(.practiceMemberRemove).first?.detail == "@front_desk as coordinator")
        }
    }
}

extension PracticesAdminTests {
    @Test("the admin pages create a practice, keep what was typed when a field is wrong, and add and remove members")
    func pages() async throws {
        try await withTestApp { app in
            let desk = try await admin(app, "practice_admin_3")
            _ = try await app.signedUpBrowser(handle: "page_clinician")
            let member = try await app.signedUpBrowser(handle: "page_member")
            #expect(try await member.get("/admin/practices").status == .forbidden)

            let empty = try await desk.get("/admin/practices")
            #expect(empty.status == .ok && empty.text.contains("There are no practices yet"))
            let wrong = try await desk.submit(
                "/admin/practices", ["name": "Lighthouse Therapy", "website": "lighthouse", "jurisdictions": "US-CA, ZZ"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("http:// or https://") && wrong.text.contains("ZZ") && wrong.text.contains("value=\"Lighthouse Therapy\""))
            #expect(try await Practice.query(on: app.db).count() == 0)

            let made = try await desk.submit(
                "/admin/practices", ["name": "Lighthouse Therapy", "website": "https://lighthouse.example.org", "jurisdictions": "us-ca ca-on"])
            #expect(made.status == .seeOther)
            let page = try await desk.get(try #require(made.location))
            #expect(page.text.contains("California, United States") && page.text.contains("Ontario, Canada"))
            #expect(page.text.contains("The practice was saved."))

            let id = try #require(try await Practice.query(on: app.db).first()?.requireID()).uuidString.lowercased()
            let added = try await desk.submit("/admin/practices/\(id)/members", ["handle": "page_clinician", "role": "clinician"])
            #expect(added.status == .seeOther)
            let refused = try await desk.submit("/admin/practices/\(id)/members", ["handle": "page_member", "role": "coordinator"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("coordinator role"))
            let withMember = try await desk.get("/admin/practices/\(id)")
            #expect(withMember.text.contains("@page_clinician") && withMember.text.contains("Clinician"))
            let row = try #require(try await PracticeMember.query(on: app.db).first()?.requireID()).uuidString.lowercased()
            #expect(try await desk.submit("/admin/practices/\(id)/members/\(row)/remove", [:]).status == .seeOther)
            #expect(try await desk.get("/admin/practices/\(id)").text.contains("Nobody is in this practice yet."))
        }
    }
}
