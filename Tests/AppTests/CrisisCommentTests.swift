import Foundation
import MindreelCore
import Testing
import VaporTesting

@testable import App

@Suite("Crisis language in comments")
struct CrisisCommentTests {
    let urgent = "I'm going to kill myself tonight. I have the pills ready and I already said goodbye."
    let concern = "Honestly I just want to die, nothing is ever going to get better."
    let calm = "This workout killed me lol, but the breathing part really helped."

    @Test("a comment or reply in crisis language is posted, its author sees the help lines, and it heads the queue, urgent first")
    func postedAndQueued() async throws {
        // The texts must read as the levels this test is about; say so if the classifier changes.
        try #require(CrisisLanguage.classify(urgent).level == .urgent)
        try #require(CrisisLanguage.classify(concern).level == .concern)
        try #require(CrisisLanguage.classify(calm).level == .none)
        try await withTestApp { app in
            let desk = ModerationDeskTests()
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "crisis_comment_creator", count: 1)
            let id = ids[0]
            let writer = try await app.signedUpBrowser(handle: "crisis_comment_writer")
            let headers = desk.csrf(writer)
            let url = "/api/v1/videos/\(id)/comments"

            let plain = try await writer.json(.POST, url, ["body": calm], headers: headers)
            #expect(plain.status == .created)
            #expect(plain.json["crisis_support"] == nil, "no help lines for an everyday comment")
            let plainID = try #require(plain.json["id"] as? String)

            app.clock.advance(by: 1)
            let worried = try await writer.json(.POST, url, ["body": concern], headers: headers)
            #expect(worried.status == .created, "never blocked: \(worried.text)")
            let support = try #require(worried.json["crisis_support"] as? [String: Any])
            #expect((support["message"] as? String)?.contains("Your comment is posted") == true)
            let lines = try #require(support["lines"] as? [[String: Any]])
            #expect(lines.compactMap { $0["name"] as? String }.contains { $0.contains("988") }, "the US lines by default: \(lines)")
            let worriedID = try #require(worried.json["id"] as? String)

            app.clock.advance(by: 1)
            let reply = try await writer.json(.POST, url, ["body": urgent, "parent_id": plainID], headers: headers)
            #expect(reply.status == .created, "never blocked: \(reply.text)")
            #expect(reply.json["crisis_support"] != nil)
            let replyID = try #require(reply.json["id"] as? String)

            // Everyone else sees the comments as posted, and none of the author's help lines.
            let listed = try await Browser(app).get(url)
            let items = try #require(listed.json["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["id"] as? String }) == [plainID, worriedID])
            #expect(items.allSatisfy { $0["crisis_support"] == nil })
            let replies = items.first { $0["id"] as? String == plainID }?["replies"] as? [[String: Any]]
            #expect(replies?.compactMap { $0["id"] as? String } == [replyID])

            // A person's self-harm report still comes after what the classifier read.
            let reporter = try await app.signedUpBrowser(handle: "crisis_comment_reporter")
            try await desk.report(reporter, ["target_type": "comment", "target_id": plainID, "reason": "self_harm_risk"])

            let moderator = try await desk.moderator(app, "crisis_comment_moderator")
            let queue = try await desk.queue(moderator)
            #expect(queue.compactMap { $0["crisis_level"] as? String } == ["urgent", "concern"])
            #expect(queue.count == 3)
            #expect(queue.first?["excerpt"] as? String == urgent)
            #expect(queue.last?["report_count"] as? Int == 1)
            let page = try await moderator.get("/moderation")
            #expect(page.text.contains("Crisis language: urgent"))
        }
    }

    @Test("a moderator's check-in reaches the author privately as a notification with the help lines, once, and is audited")
    func checkIn() async throws {
        try await withTestApp { app in
            let desk = ModerationDeskTests()
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "check_in_creator", count: 1)
            let writer = try await app.signedUpBrowser(handle: "check_in_writer")
            let posted = try await writer.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": concern], headers: desk.csrf(writer))
            #expect(posted.status == .created)
            let everyday = try await writer.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": calm], headers: desk.csrf(writer))
            let everydayID = try #require(everyday.json["id"] as? String)
            let reporter = try await app.signedUpBrowser(handle: "check_in_reporter")
            try await desk.report(reporter, ["target_type": "comment", "target_id": everydayID, "reason": "spam"])

            let moderator = try await desk.moderator(app, "check_in_moderator")
            let queue = try await desk.queue(moderator)
            let riskCase = try #require(queue.first { $0["crisis_level"] as? String == "concern" }?["id"] as? String)
            let spamCase = try #require(queue.first { $0["top_reason"] as? String == "spam" }?["id"] as? String)

            // Only moderators send it, and only for a case where someone may be at risk.
            let bystander = try await app.signedUpBrowser(handle: "check_in_bystander")
            let refused = try await bystander.json(.POST, "/api/v1/moderation/cases/\(riskCase)/check-in", [:], headers: desk.csrf(bystander))
            #expect([.forbidden, .notFound].contains(refused.status))
            let notRisk = try await moderator.json(.POST, "/api/v1/moderation/cases/\(spamCase)/check-in", [:], headers: desk.csrf(moderator))
            #expect(notRisk.status == .conflict)

            let sent = try await moderator.json(.POST, "/api/v1/moderation/cases/\(riskCase)/check-in", [:], headers: desk.csrf(moderator))
            #expect(sent.status == .created, "\(sent.text)")
            let again = try await moderator.json(.POST, "/api/v1/moderation/cases/\(riskCase)/check-in", [:], headers: desk.csrf(moderator))
            #expect(again.status == .conflict, "one check-in per case")

            let inbox = try await writer.get("/api/v1/notifications")
            let items = try #require(inbox.json["items"] as? [[String: Any]])
            let checkIns = items.filter { ($0["text"] as? String)?.contains("wanted to check in") == true }
            #expect(checkIns.count == 1, "\(items)")
            #expect(checkIns.first?["url"] as? String == "/help")
            let rows = try await app.auditRows(.moderationCheckIn)
            #expect(rows.count == 1 && rows.first?.objectID == riskCase)
            // The case page says it was sent; the guide is one link away.
            let page = try await moderator.get("/moderation/cases/\(riskCase)")
            #expect(page.text.contains("A check-in was sent for this case"))
            #expect(try await moderator.get("/moderation/crisis-guide").text.contains("Leave the comment up"))
            #expect([.forbidden, .notFound].contains(try await bystander.get("/moderation/crisis-guide").status))

            // No case, or one's own words: refused, and nothing is sent.
            let missing = try await moderator.json(.POST, "/api/v1/moderation/cases/\(UUID())/check-in", [:], headers: desk.csrf(moderator))
            #expect(missing.status == .notFound)
            let own = try await moderator.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": urgent], headers: desk.csrf(moderator))
            #expect(own.json["crisis_support"] != nil)
            let ownCase = try #require(try await desk.queue(moderator).first { $0["crisis_level"] as? String == "urgent" }?["id"] as? String)
            let ownCheckIn = try await moderator.json(.POST, "/api/v1/moderation/cases/\(ownCase)/check-in", [:], headers: desk.csrf(moderator))
            #expect(ownCheckIn.status == .unprocessableEntity, "\(ownCheckIn.text)")
            #expect(try await app.auditRows(.moderationCheckIn).count == 1)

            // An everyday comment edited into crisis language is read again: help lines, and its case rises.
            let edited = try await writer.json(.PATCH, "/api/v1/comments/\(everydayID)", ["body": urgent], headers: desk.csrf(writer))
            #expect(edited.status == .ok && edited.json["crisis_support"] != nil)
            let raised = try await desk.queue(moderator).first { $0["id"] as? String == spamCase }
            #expect(raised?["crisis_level"] as? String == "urgent")
        }
    }
}
