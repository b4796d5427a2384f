import Fluent
import Foundation
import MindreelCore
import Vapor

/// The pages of verification: the applicant's `/settings/licence`, the moderators' licence queue
/// and review under `/moderation/licences`, an admin's revocation, and a licence's public page
/// `/licences/:id` (where every badge leads). Plain forms: all of it works without script.
struct LicencePagesController: RouteCollection {
    let multipartFormLimit: Int

    struct Choice: Encodable {
        let id: String
        let label: String
        let selected: Bool
    }

    /// What the form shows: what was typed (after an error), or the application being updated.
    struct FormValues: Encodable {
        var legalName = ""
        var licenceType = ""
        var otherType = ""
        var licenceNumber = ""
        var jurisdiction = ""
        var expiresOn = ""
        var boardUrl = ""
        var practiceId = ""

        init() {}

        init(_ input: LicenceApplications.Input) {
            legalName = input.legalName ?? ""
            licenceType = input.licenceType ?? ""
            otherType = input.otherType ?? ""
            licenceNumber = input.licenceNumber ?? ""
            jurisdiction = input.jurisdiction ?? ""
            expiresOn = input.expiresOn ?? ""
            boardUrl = input.boardUrl ?? ""
            practiceId = input.practiceId ?? ""
        }

        init(_ licence: Licence, keepExpiry: Bool) {
            legalName = licence.legalName
            licenceType = licence.licenceType.rawValue
            otherType = licence.otherType ?? ""
            licenceNumber = licence.licenceNumber
            jurisdiction = licence.jurisdiction
            expiresOn = keepExpiry ? licence.expiresOnText : ""
            boardUrl = licence.boardURL
            practiceId = licence.$practice.id?.uuidString.lowercased() ?? ""
        }
    }

    struct SettingsPage: Encodable {
        let layout: LayoutContext
        let licences: [LicencesAPI.Application]
        /// "apply", "renew", "update" (a request for more), or nil when there is nothing to send.
        let formMode: String?
        let formAction: String
        let form: FormValues
        let types: [Choice]
        let practices: [Choice]
        let errors: [String: String]
        /// Why there is no form: waiting for review, or renewal not open yet.
        let waitingWords: String?
        let maximumEvidenceSize: String
        let maximumEvidenceBytes: Int
        let today: String
        let requestedMore: String?
    }

    struct QueuePage: Encodable {
        let layout: LayoutContext
        let items: [LicencesAPI.QueueItem]
        let verified: [LicencesAPI.Application]
    }

    struct ReviewPage: Encodable {
        let layout: LayoutContext
        let licence: LicencesAPI.Application
        let decisions: [Choice]
        let mayDecide: Bool
        let whyNot: String?
        let mayRevoke: Bool
        let isImage: Bool
        let error: String?
        let errorField: String?
        let sentNote: String?
        let history: [LicencesAPI.Application]
    }

    struct PublicPage: Encodable {
        let layout: LayoutContext
        let licence: LicencesAPI.PublicLicence
    }

    func boot(routes: any RoutesBuilder) throws {
        let body = ByteCount(value: multipartFormLimit)
        let settings = routes.grouped("settings", "licence")
        settings.get(use: settingsPage)
        settings.on(.POST, body: .collect(maxSize: body), use: apply)
        settings.on(.POST, ":licenceID", body: .collect(maxSize: body), use: resubmit)
        settings.get(":licenceID", "evidence", use: ownEvidence)
        let desk = routes.grouped("moderation", "licences")
        desk.get(use: queue)
        desk.get(":licenceID", use: review)
        desk.get(":licenceID", "evidence", use: reviewEvidence)
        desk.post(":licenceID", "decision", use: decide)
        routes.post("admin", "licences", ":licenceID", "revoke", use: revoke)
        routes.get("licences", ":licenceID", use: publicPage)
    }

    // MARK: The applicant

    func settingsPage(req: Request) async throws -> Response {
        try await renderSettings(req, form: nil, errors: [:], status: .ok)
    }

    func apply(req: Request) async throws -> Response {
        let input = try await req.decodeOffTheSharedThreads { try req.content.decode(LicenceApplications.Input.self) }
        do {
            _ = try await LicenceApplications.submit(input, req: req)
        } catch let errors as FieldErrors {
            return try await renderSettings(req, form: FormValues(input), errors: errors.byField, status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status == .conflict {
            return try await renderSettings(req, form: FormValues(input), errors: ["form": problem.detail], status: .conflict)
        }
        return req.redirect(to: SiteURL.settingsLicence.with(.licenceSubmitted))
    }

    func resubmit(req: Request) async throws -> Response {
        let input = try await req.decodeOffTheSharedThreads { try req.content.decode(LicenceApplications.Input.self) }
        do {
            _ = try await LicenceApplications.resubmit(try LicencesAPIController.licenceID(req), input, req: req)
        } catch let errors as FieldErrors {
            return try await renderSettings(req, form: FormValues(input), errors: errors.byField, status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status == .conflict {
            return try await renderSettings(req, form: FormValues(input), errors: ["form": problem.detail], status: .conflict)
        }
        return req.redirect(to: SiteURL.settingsLicence.with(.licenceResubmitted))
    }

    func ownEvidence(req: Request) async throws -> Response {
        try await LicenceEvidence.ownResponse(req: req)
    }

    private func renderSettings(_ req: Request, form: FormValues?, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let account = try req.requireAccount()
        let now = req.mindreel.now
        let today = CalendarDay(of: now)
        let mine = try await LicenceApplications.all(of: account.userID, on: req.db)
        let open = mine.first { $0.status.isOpen }
        let current = mine.first { $0.isCurrent(at: now) }
        var mode: String?
        var action = SiteURL.settingsLicence.path
        var values = form ?? FormValues()
        var waiting: String?
        if let open, open.status == .needsInfo {
            mode = "update"
            action = SiteURL.settingsLicence.path + "/" + (try open.requireID().uuidString.lowercased())
            if form == nil { values = FormValues(open, keepExpiry: true) }
        } else if let open {
            waiting =
                open.renewalOf == nil
                ? "Your application is waiting for review. You will be told when a moderator has checked it."
                : "Your renewal is waiting for review. Your badge stays meanwhile."
        } else if let current {
            if LicenceRules.renewalIsOpen(expiresOn: current.expiresOn, today: today) {
                mode = "renew"
                if form == nil { values = FormValues(current, keepExpiry: false) }
            } else {
                waiting =
                    "Your licence is verified until \(current.expiresOn.longText). You can submit a renewal from \(current.expiresOn.adding(days: -LicenceRules.renewalWindowDays).longText); you will be reminded."
            }
        } else {
            mode = "apply"
        }
        if account.user.suspension?.isActive(at: now) == true {
            mode = nil
            waiting = "Your account is suspended: you cannot apply while the suspension lasts."
        }
        let practices = try await Practice.query(on: req.db).sort(\.$name).all()
        let config = req.mindreel.config
        let page = SettingsPage(
            layout: LayoutContext(request: req, title: "Licence verification"),
            licences: try mine.map {
                try LicencesAPI.Application($0, evidenceURL: LicencesAPIController.ownEvidenceURL(try $0.requireID()), now: now, withApplicant: false)
            },
            formMode: mode, formAction: action, form: values,
            types: LicenceType.allCases.map { .init(id: $0.rawValue, label: $0.longLabel, selected: values.licenceType == $0.rawValue) },
            practices: try practices.map {
                let id = try $0.requireID().uuidString.lowercased()
                return .init(id: id, label: $0.name, selected: values.practiceId.lowercased() == id)
            },
            errors: errors, waitingWords: waiting, maximumEvidenceSize: config.maxEvidenceSizeText, maximumEvidenceBytes: config.maxEvidenceBytes,
            today: today.description, requestedMore: open?.status == .needsInfo ? open?.reviewNote : nil)
        let response = try await req.view.render("settings/licence", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    // MARK: The moderators

    func queue(req: Request) async throws -> View {
        let now = req.mindreel.now
        let verified = try await Licence.query(on: req.db).filter(\.$status == .verified).with(\.$user).with(\.$practice)
            .sort(\.$verifiedAt, .descending).limit(100).all()
        return try await req.view.render(
            "moderation/licences",
            QueuePage(
                layout: LayoutContext(request: req, title: "Licence applications"), items: try await LicencesAPI.queue(req: req),
                verified: try verified.map {
                    try LicencesAPI.Application($0, evidenceURL: LicencesAPIController.reviewEvidenceURL(try $0.requireID()), now: now, withApplicant: true)
                }))
    }

    func review(req: Request) async throws -> Response {
        try await renderReview(req, error: nil, note: nil, status: .ok)
    }

    func reviewEvidence(req: Request) async throws -> Response {
        try await LicenceEvidence.response(for: try await LicenceReview.load(try LicencesAPIController.licenceID(req), on: req.db), req: req)
    }

    func decide(req: Request) async throws -> Response {
        let input = try req.content.decode(LicenceReview.DecisionInput.self)
        do {
            _ = try await LicenceReview.decide(try LicencesAPIController.licenceID(req), input, req: req)
        } catch let errors as FieldErrors {
            return try await renderReview(
                req, error: (errors.items.first?.message ?? "Check the form.", errors.items.first?.field), note: input.note, status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status == .conflict || problem.status == .unprocessableEntity {
            return try await renderReview(req, error: (problem.detail, problem.fieldErrors.items.first?.field), note: input.note, status: problem.status)
        }
        return req.redirect(to: SiteURL.moderationLicences.with(.licenceDecided))
    }

    func revoke(req: Request) async throws -> Response {
        let id = try LicencesAPIController.licenceID(req)
        let input = try req.content.decode(LicenceReview.RevokeInput.self)
        do {
            _ = try await LicenceReview.revoke(id, input, req: req)
        } catch let errors as FieldErrors {
            return try await renderReview(req, error: (errors.items.first?.message ?? "Check the form.", "reason"), note: nil, status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status == .conflict || problem.status == .unprocessableEntity {
            return try await renderReview(req, error: (problem.detail, "reason"), note: nil, status: problem.status)
        }
        return req.redirect(to: SiteURL.moderationLicence(id).with(.licenceRevoked))
    }

    private func renderReview(_ req: Request, error: (String, String?)?, note: String?, status: HTTPResponseStatus) async throws -> Response {
        let licence = try await LicenceReview.load(try LicencesAPIController.licenceID(req), on: req.db)
        let id = try licence.requireID()
        let now = req.mindreel.now
        var whyNot: String?
        if case .refused(let refusal) = req.decide(.reviewLicence, .account(licence.$user.id)) { whyNot = refusal.reason }
        if whyNot == nil && licence.status != .pending { whyNot = "This application is \(licence.status.label.lowercased()): there is nothing to decide." }
        let others = try await Licence.query(on: req.db).filter(\.$user.$id == licence.$user.id).filter(\.$id != id).with(\.$user).with(\.$practice)
            .sort(\.$submittedAt, .descending).all()
        let page = ReviewPage(
            layout: LayoutContext(request: req, title: "Licence application"),
            licence: try LicencesAPI.Application(licence, evidenceURL: LicencesAPIController.reviewEvidenceURL(id), now: now, withApplicant: true),
            decisions: LicenceReview.Decision.allCases.map { .init(id: $0.rawValue, label: $0.label, selected: false) },
            mayDecide: whyNot == nil, whyNot: whyNot,
            mayRevoke: licence.status == .verified && req.may(.revokeLicence, .account(licence.$user.id)),
            isImage: licence.evidenceKind != .pdf, error: error?.0, errorField: error?.1, sentNote: note,
            history: try others.map {
                try LicencesAPI.Application($0, evidenceURL: LicencesAPIController.reviewEvidenceURL(try $0.requireID()), now: now, withApplicant: true)
            })
        let response = try await req.view.render("moderation/licence", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    // MARK: Everyone

    func publicPage(req: Request) async throws -> View {
        let licence = try await LicencesAPI.publicLicence(try LicencesAPIController.licenceID(req), req: req)
        return try await req.view.render(
            "licences/show", PublicPage(layout: LayoutContext(request: req, title: "Verified licence of \(licence.holderDisplayName)"), licence: licence))
    }
}
