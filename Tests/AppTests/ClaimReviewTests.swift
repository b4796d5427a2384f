import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Clinical claims: sources at upload and edit, the hold for creators without a verified
/// licence (through processing), and the moderators' review.
@Suite("Clinical claims")
struct ClaimReviewTests {
    let videos = VideoAPITests()
    static let source: [String: any Sendable] = ["title": "NICE guideline NG215: insomnia", "url": "https://www.nice.org.uk/guidance/ng215"]

    func feedIDs(_ app: TestApp) async throws -> [String] {
        let items = try await Browser(app).get("/api/v1/feed").json["items"] as? [[String: Any]] ?? []
        return items.compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    @Test("a clinical claim needs a source; a member's waits for review through processing, then appears once approved, with its sources")
    func heldUntilApproved() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "claims_member")
            let upload = try await videos.finishedUpload(client)
            let missing = try await videos.createVideo(client, uploadID: upload, extra: ["content_kind": "clinical_claim"])
            #expect(missing.status == .unprocessableEntity && missing.problemFields == ["sources"], "\(missing.text)")
            let badLink = try await videos.createVideo(
                client, uploadID: upload, extra: ["content_kind": "clinical_claim", "sources": [["title": "Trust me", "url": "javascript:alert(1)"]]])
            #expect(badLink.status == .unprocessableEntity && badLink.problemFields == ["sources"])
            #expect(try await Video.query(on: app.db).count() == 0, "no row is left")

            let made = try await videos.createVideo(
                client, uploadID: upload,
                extra: ["content_kind": "clinical_claim", "sources_text": "NICE guideline NG215 https://www.nice.org.uk/guidance/ng215\nEdinger et al., 2021"])
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.json["id"] as? String)
            #expect(made.json["publication_state"] as? String == "pending_review")
            while try await app.app.makeWorker().runOne() {}
            let video = try #require(try await Video.find(UUID(uuidString: id), on: app.db))
            #expect(video.processingState == .ready && video.publicationState == .pendingReview, "the hold survives processing")
            #expect(try await feedIDs(app).isEmpty)
            #expect(try await Browser(app).get("/v/\(id)").status == .notFound)

            let moderator = try await ModerationDeskTests().moderator(app, "claims_desk")
            let queue = try #require(try await moderator.get("/api/v1/moderation/claims").json["items"] as? [[String: Any]])
            #expect(queue.count == 1 && queue[0]["video_id"] as? String == id)
            let page = try await moderator.get("/moderation/claims/\(id)")
            #expect(page.status == .ok && page.text.contains("Edinger et al., 2021") && page.text.contains("/media/videos/\(id)/720p.mp4"))
            // Members cannot review.
            let member = try await app.signedUpBrowser(handle: "claims_bystander")
            #expect([.forbidden, .notFound].contains(try await member.submit("/moderation/claims/\(id)/decision", ["decision": "approve"]).status))

            #expect(try await moderator.submit("/moderation/claims/\(id)/decision", ["decision": "approve"]).status == .seeOther)
            #expect(try await feedIDs(app) == [id])
            let shown = try await Browser(app).get("/v/\(id)")
            #expect(shown.text.contains("id=\"video-sources\"") && shown.text.contains("href=\"https://www.nice.org.uk/guidance/ng215\""))
            #expect(shown.text.contains("Clinical claim"))
            let listed = try await Browser(app).get("/api/v1/videos/\(id)/sources").json["items"] as? [[String: Any]] ?? []
            #expect(listed.map { $0["title"] as? String } == ["NICE guideline NG215", "Edinger et al., 2021"])
            #expect(try await app.auditRows(.claimReview).first?.detail == "approve")
            #expect(try await MemberNotification.query(on: app.db).filter(\.$kind == .moderation).all().contains { $0.text.contains("now published") })
        }
    }

    @Test(
        "a verified clinician's clinical claim publishes directly; editing a member's video to a clinical claim holds it; a moderator can change its kind, telling why"
    )
    func verifiedAndEdited() async throws {
        try await withTestApp { app in
            // A verified clinician (approved through the review) publishes a claim directly.
            let clinicianClient = try await TusClient.make(app, handle: "claims_clinician")
            let clinician = try await FollowsFixture.logIn(app, "claims_clinician")
            #expect(try await LicenceTests.apply(clinician, LicenceTests.fields(app)).status == .seeOther)
            let desk = try await ModerationDeskTests().moderator(app, "claims_desk_two")
            let licence = try #require(try await Licence.query(on: app.db).first()).requireID().uuidString.lowercased()
            #expect(try await desk.submit("/moderation/licences/\(licence)/decision", ["decision": "approve"]).status == .seeOther)
            let direct = try await videos.createVideo(
                clinicianClient, uploadID: try await videos.finishedUpload(clinicianClient),
                extra: ["content_kind": "clinical_claim", "sources": [Self.source]])
            #expect(direct.status == .created && direct.json["publication_state"] as? String == "draft")
            while try await app.app.makeWorker().runOne() {}
            #expect(try await feedIDs(app) == [try #require(direct.json["id"] as? String)])

            // A member's published coping skill, edited to a clinical claim: sources needed, then held.
            let (client, ids) = try await FeedTests().readyVideos(app, handle: "claims_editor", count: 1)
            let id = ids[0]
            let auth: HTTPHeaders = ["Authorization": "Bearer \(client.token)"]
            let noSource = try await client.browser.json(.PATCH, "/api/v1/videos/\(id)", ["content_kind": "clinical_claim"], headers: auth)
            #expect(noSource.status == .unprocessableEntity && noSource.problemFields == ["sources"], "\(noSource.text)")
            #expect(try await Video.find(UUID(uuidString: id), on: app.db)?.contentKind != .clinicalClaim, "nothing was saved")
            let edited = try await client.browser.json(
                .PATCH, "/api/v1/videos/\(id)", ["content_kind": "clinical_claim", "sources": [Self.source]], headers: auth)
            #expect(edited.status == .ok && edited.json["publication_state"] as? String == "pending_review", "\(edited.text)")
            #expect(!(try await feedIDs(app).contains(id)))

            let noReason = try await desk.submit("/moderation/claims/\(id)/decision", ["decision": "change_kind", "content_kind": "education", "reason": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Tell the creator why"))
            let changed = try await desk.submit(
                "/moderation/claims/\(id)/decision",
                ["decision": "change_kind", "content_kind": "personal_experience", "reason": "This is your own story, not a claim about treatment."])
            #expect(changed.status == .seeOther)
            let video = try #require(try await Video.find(UUID(uuidString: id), on: app.db))
            #expect(video.contentKind == .personalExperience && video.publicationState == .published)
            #expect(try await feedIDs(app).contains(id))
            #expect(
                try await MemberNotification.query(on: app.db).filter(\.$kind == .moderation).all().contains {
                    $0.text.contains("personal experience") && $0.text.contains("not a claim about treatment")
                })
        }
    }
}
