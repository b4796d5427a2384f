import Fluent
import Foundation
import MindreelCore
import Vapor

/// One clinician's review note shown publicly: demo_ana_counsellor's note on "7 signs you have
/// ADHD", approved by demo_moderator (the two demo clinicians share one practice, so ratings
/// between them could never show it), with demo_maya_laughs's reply. Made once.
enum DemoReviewNotes {
    static let body =
        "Losing keys, open tabs and new hobbies are common in people without ADHD. A list like this cannot tell you whether you have it: an assessment looks at your whole history, since childhood, and at how much these things get in the way of your life."
    static let citations = [
        ClaimSource(title: "NICE guideline NG87: Attention deficit hyperactivity disorder", url: "https://www.nice.org.uk/guidance/ng87"),
        ClaimSource(title: "American Psychiatric Association, DSM-5-TR (2022), ADHD criteria", url: nil),
    ]
    static let reply = "Fair! It was meant as a joke, but I will pin a comment about getting a proper assessment."

    static func seed(app: Application, console: any Console) async throws {
        let handles = ["demo_ana_counsellor", "demo_maya_laughs", "demo_moderator"]
        var users: [String: UUID] = [:]
        for user in try await User.query(on: app.db).filter(\.$handle ~~ handles).all() { users[user.handle] = user.id }
        guard let ana = users["demo_ana_counsellor"], let maya = users["demo_maya_laughs"], let moderator = users["demo_moderator"],
            let item = DemoVideos.items.first(where: { $0.title.hasPrefix("7 signs you have ADHD") }),
            let video = try await Video.query(on: app.db).filter(\.$owner.$id == maya).filter(\.$caption == DemoVideos.caption(item)).first()
        else {
            console.print("Demo review notes: skipped (the demo clinicians or videos are not there).")
            return
        }
        let videoID = try video.requireID()
        guard try await ReviewNote.query(on: app.db).filter(\.$video.$id == videoID).filter(\.$author.$id == ana).count() == 0 else {
            console.print("Demo review notes: made already.")
            return
        }
        let now = app.mindreel.now
        let note = ReviewNote(
            videoID: videoID, authorID: ana, draft: ReviewNoteDraft(stance: .addsContext, body: body, citations: citations),
            now: now.addingTimeInterval(-2 * 86400))
        note.moderatorDecision = ReviewNoteTally.ModeratorDecision.approved.rawValue
        note.$moderator.id = moderator
        note.decidedAt = now.addingTimeInterval(-86400)
        note.reply = reply
        note.repliedAt = now.addingTimeInterval(-80000)
        try await app.db.transaction { db in
            try await note.create(on: db)
            let id = try note.requireID().uuidString
            for (actor, role, action, detail) in [
                (ana, "clinician", AuditAction.reviewNoteWrite, "video \(videoID.uuidString): adds_context (demo seed)"),
                (moderator, "moderator", .reviewNoteDecide, "approved (demo seed)"), (maya, "member", .reviewNoteReply, "demo seed"),
            ] {
                try await app.audit.record(
                    AuditEntry(actorID: actor, actorRole: role, action: action, objectType: "review_note", objectID: id, detail: detail), on: db)
            }
        }
        console.print("Demo review notes: demo_ana_counsellor's note on “\(item.title)”, approved by demo_moderator, with Maya's reply.")
    }
}
