import Fluent
import Foundation
import MindreelCore
import Vapor

/// The moderation desk's pages: the queue (`/moderation`) and a case (`/moderation/cases/:id`)
/// with its claim, decision and appeal forms; and the public `/transparency` page. Plain forms:
/// the desk works without script.
struct ModerationPagesController: RouteCollection {
    struct QueuePage: Encodable {
        let layout: LayoutContext
        let items: [ModerationQueue.Item]
        let openCount: Int
        let appealCount: Int
    }

    struct CasePage: Encodable {
        struct Choice: Encodable {
            let id: String
            let label: String
            let selected: Bool
        }

        let layout: LayoutContext
        let detail: ModerationQueue.CaseDetail
        let isAppeal: Bool
        let actions: [Choice]
        let sections: [Choice]
        let error: String?
        let errorField: String?
        let sentReason: String?
        let sentDays: Int?
        /// On a risk case: whether a moderator already sent its author the check-in.
        let checkInSent: Bool
        let checkInMessage: String
    }

    struct TransparencyPage: Encodable {
        let layout: LayoutContext
        let months: [TransparencyNumbers.Month]
    }

    struct DecisionForm: Content {
        var action: String?
        var guideline: String?
        var reason: String?
        var suspendDays: String?
        var suspendForGood: String?

        enum CodingKeys: String, CodingKey {
            case action, guideline, reason
            case suspendDays = "suspend_days"
            case suspendForGood = "suspend_for_good"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let desk = routes.grouped("moderation")
        desk.get(use: queue)
        desk.get("cases", ":caseID", use: casePage)
        desk.post("cases", ":caseID", "claim", use: claim)
        desk.post("cases", ":caseID", "decision", use: decide)
        desk.post("cases", ":caseID", "appeal-decision", use: decideAppeal)
        desk.post("cases", ":caseID", "check-in", use: checkIn)
        desk.get("crisis-guide", use: crisisGuide)
        routes.get("transparency", use: transparency)
    }

    func queue(req: Request) async throws -> View {
        let items = try await ModerationQueue.items(for: try req.requireAccount().userID, on: req.db, now: req.mindreel.now)
        return try await req.view.render(
            "moderation/queue",
            QueuePage(
                layout: LayoutContext(request: req, title: "Moderation queue"), items: items, openCount: items.filter { $0.status == "open" }.count,
                appealCount: items.filter { $0.status == "appealed" }.count))
    }

    func casePage(req: Request) async throws -> Response {
        try await render(req, form: nil, error: nil, status: .ok)
    }

    func claim(req: Request) async throws -> Response {
        let id = try ModerationAPIController.caseID(req)
        do {
            _ = try await ModerationDecisions.claim(id, req: req)
        } catch let problem as HTTPProblem where problem.status == .conflict {
            return try await render(req, form: nil, error: (problem.detail, nil), status: .conflict)
        }
        return req.redirect(to: SiteURL.moderationCase(id).path)
    }

    func decide(req: Request) async throws -> Response {
        let id = try ModerationAPIController.caseID(req)
        let form = try req.content.decode(DecisionForm.self)
        let input = ModerationDecisions.DecisionInput(
            action: form.action, guideline: form.guideline, reason: form.reason, suspendDays: form.suspendDays.flatMap { Int($0) },
            suspendForGood: form.suspendForGood == "on")
        do {
            _ = try await ModerationDecisions.decide(id, input, req: req)
        } catch let errors as FieldErrors {
            return try await render(
                req, form: form, error: (errors.items.first?.message ?? "Check the form.", errors.items.first?.field), status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status != .notFound && problem.status != .unauthorized {
            return try await render(req, form: form, error: (problem.detail, problem.fieldErrors.items.first?.field), status: problem.status)
        }
        return req.redirect(to: SiteURL.moderation.with(.caseDecided))
    }

    /// What to do, and not do, when someone may be at risk.
    func crisisGuide(req: Request) async throws -> View {
        try await req.view.render("moderation/crisis-guide", ["layout": LayoutContext(request: req, title: "When someone may be at risk")])
    }

    func checkIn(req: Request) async throws -> Response {
        let id = try ModerationAPIController.caseID(req)
        do {
            _ = try await CrisisCheckIn.send(id, req: req)
        } catch let problem as HTTPProblem where problem.status != .notFound && problem.status != .unauthorized {
            return try await render(req, form: nil, error: (problem.detail, nil), status: problem.status)
        }
        return req.redirect(to: SiteURL.moderationCase(id).with(.checkInSent))
    }

    func decideAppeal(req: Request) async throws -> Response {
        let id = try ModerationAPIController.caseID(req)
        let input = try req.content.decode(ModerationDecisions.AppealDecisionInput.self)
        do {
            _ = try await ModerationDecisions.decideAppeal(id, input, req: req)
        } catch let problem as HTTPProblem where problem.status != .notFound && problem.status != .unauthorized {
            let form = DecisionForm(action: input.outcome, reason: input.reason)
            return try await render(req, form: form, error: (problem.detail, problem.fieldErrors.items.first?.field), status: problem.status)
        }
        return req.redirect(to: SiteURL.moderation.with(.appealDecided))
    }

    private func render(_ req: Request, form: DecisionForm?, error: (String, String?)?, status: HTTPResponseStatus) async throws -> Response {
        let detail = try await ModerationQueue.detail(try ModerationAPIController.caseID(req), req: req)
        let isAppeal = detail.item.status == "appealed"
        // The section the top report most likely concerns is preselected; the moderator chooses.
        let likely = ReportReason(rawValue: detail.item.topReason)?.likelySection
        let chosenSection = form?.guideline ?? likely
        let fits: [ModerationAction]
        switch detail.item.targetType {
        case "video": fits = ModerationAction.allCases
        case "comment": fits = [.dismiss, .remove, .warn, .suspend]
        default: fits = [.dismiss, .warn, .suspend]
        }
        let page = CasePage(
            layout: LayoutContext(request: req, title: isAppeal ? "Appeal" : "Moderation case"), detail: detail, isAppeal: isAppeal,
            actions: fits.map { .init(id: $0.rawValue, label: $0.choice, selected: form?.action == $0.rawValue) },
            sections: CommunityGuidelines.sections.map { .init(id: $0.id, label: "\($0.number). \($0.title)", selected: $0.id == chosenSection) },
            error: error?.0, errorField: error?.1, sentReason: form?.reason, sentDays: form?.suspendDays.flatMap { Int($0) },
            // Only a risk case shows the check-in, so only one asks whether it went out.
            checkInSent: detail.item.selfHarmRisk ? try await CrisisCheckIn.wasSent(for: try ModerationAPIController.caseID(req), on: req.db) : false,
            checkInMessage: CrisisCheckIn.message)
        let response = try await req.view.render("moderation/case", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    func transparency(req: Request) async throws -> View {
        try await req.view.render(
            "transparency/index",
            TransparencyPage(layout: LayoutContext(request: req, title: "Transparency"), months: try await TransparencyNumbers.page(on: req.db).months))
    }
}
