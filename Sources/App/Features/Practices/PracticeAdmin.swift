import Fluent
import Foundation
import MindreelCore
import Vapor

/// Admins' changes to practices and their members, for the API and the pages alike; each is
/// written with its audit row in one transaction.
enum PracticeAdmin {
    static func create(name: String?, description: String?, website: String?, jurisdictions: [String]?, req: Request) async throws -> Practice {
        let account = try req.requireAccount()
        let details = try PracticeRules.validate(name: name, description: description, website: website, jurisdictions: jurisdictions).get()
        try await refuseDuplicateName(details.name, except: nil, on: req.db)
        let practice = Practice(details, now: req.mindreel.now)
        try await req.db.transaction { db in
            try await practice.create(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .practiceCreate, objectType: "practice",
                    objectID: try practice.requireID().uuidString, detail: details.name), on: db)
        }
        return practice
    }

    /// Fields given as nil keep their values.
    static func update(
        _ practice: Practice, name: String?, description: String?, website: String?, jurisdictions: [String]?, req: Request
    ) async throws {
        let account = try req.requireAccount()
        let details = try PracticeRules.validate(
            name: name ?? practice.name, description: description ?? practice.description, website: website ?? practice.website,
            jurisdictions: jurisdictions ?? practice.jurisdictionCodes
        ).get()
        try await refuseDuplicateName(details.name, except: practice.id, on: req.db)
        var changed: [String] = []
        if details.name != practice.name { changed.append("name") }
        if details.description != practice.description { changed.append("description") }
        if details.website != practice.website { changed.append("website") }
        if details.jurisdictions != practice.jurisdictionCodes { changed.append("jurisdictions") }
        guard !changed.isEmpty else { return }
        let detail = changed.joined(separator: ", ")
        practice.apply(details, now: req.mindreel.now)
        try await req.db.transaction { db in
            try await practice.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .practiceUpdate, objectType: "practice",
                    objectID: try practice.requireID().uuidString, detail: detail), on: db)
        }
    }

    static func addMember(to practice: Practice, handle rawHandle: String?, role rawRole: String?, req: Request) async throws {
        let account = try req.requireAccount()
        let practiceID = try practice.requireID()
        var errors = FieldErrors()
        let handle = String((rawHandle ?? "").trimmingCharacters(in: .whitespaces).lowercased().trimmingPrefix("@"))
        let user = handle.isEmpty ? nil : try await User.query(on: req.db).filter(\.$handle == handle).first()
        if handle.isEmpty {
            errors.add("handle", "Enter the handle of the account to add.")
        } else if user == nil {
            errors.add("handle", "There is no account @\(handle).")
        }
        let role = PracticeRole(rawValue: rawRole ?? "")
        if role == nil {
            errors.add("role", "Choose a role: " + PracticeRole.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        try errors.throwIfAny()
        guard let user, let role else { throw Abort(.internalServerError) }
        let userID = try user.requireID()
        let roles = Set(try await UserRole.query(on: req.db).filter(\.$user.$id == userID).all().map(\.role)).union([.member])
        let memberships = try await PracticeMember.query(on: req.db).filter(\.$user.$id == userID).all()
        let problem = PracticeRules.membershipProblem(
            role, accountRoles: roles,
            clinicianElsewhere: memberships.contains { $0.role == .clinician && $0.$practice.id != practiceID },
            alreadyInRole: memberships.contains { $0.role == role && $0.$practice.id == practiceID })
        if let problem { throw FieldErrors(role == .coordinator ? "role" : "handle", problem) }
        let member = PracticeMember(practiceID: practiceID, userID: userID, role: role, now: req.mindreel.now)
        try await req.db.transaction { db in
            try await member.create(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .practiceMemberAdd, objectType: "practice",
                    objectID: practiceID.uuidString, detail: "@\(user.handle) as \(role.rawValue)"), on: db)
        }
    }

    static func removeMember(_ memberID: UUID?, from practice: Practice, req: Request) async throws {
        let account = try req.requireAccount()
        let practiceID = try practice.requireID()
        guard let memberID,
            let member = try await PracticeMember.query(on: req.db).filter(\.$id == memberID).filter(\.$practice.$id == practiceID).with(\.$user)
                .first()
        else {
            throw HTTPProblem(.notFound, detail: "That person is not a member of this practice.")
        }
        try await req.db.transaction { db in
            try await member.delete(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .practiceMemberRemove, objectType: "practice",
                    objectID: practiceID.uuidString, detail: "@\(member.user.handle) as \(member.role.rawValue)"), on: db)
        }
    }

    static func refuseDuplicateName(_ name: String, except id: UUID?, on db: any Database) async throws {
        let same = try await Practice.query(on: db).all().first { $0.name.lowercased() == name.lowercased() && $0.id != id }
        if same != nil { throw FieldErrors("name", "There is already a practice called '\(name)'.") }
    }
}
