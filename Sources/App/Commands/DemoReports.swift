import Fluent
import Foundation
import MindreelCore
import Vapor

/// Open reports for `demo_moderator`'s first look at the queue: a self-harm risk report on a
/// demo comment (first in the queue) and a misinformation report on a video. Made once.
enum DemoReports {
    static let worryingComment = "some nights i honestly dont see the point of any of it anymore"

    static func seed(app: Application, console: any Console) async throws {
        guard try await ModerationCase.query(on: app.db).count() == 0 else {
            console.print("Demo reports: made already.")
            return
        }
        let handles = ["demo_member", "demo_jo_peer", "demo_sam_lives_it", "demo_maya_laughs"]
        var users: [String: UUID] = [:]
        for user in try await User.query(on: app.db).filter(\.$handle ~~ handles).all() { users[user.handle] = user.id }
        // An older video: one more comment must not lift it to the top of the demo feed.
        let first = DemoVideos.items[11]
        let third = DemoVideos.items[2]
        guard let jo = users["demo_jo_peer"], let sam = users["demo_sam_lives_it"], let member = users["demo_member"], let maya = users["demo_maya_laughs"],
            let commented = try await video(first, on: app.db), let signs = try await video(third, on: app.db)
        else {
            console.print("Demo reports: skipped (the demo videos are not there).")
            return
        }
        let now = app.mindreel.now
        try await app.db.transaction { db in
            let comment = Comment(videoID: try commented.requireID(), authorID: jo, parentID: nil, body: worryingComment, now: now.addingTimeInterval(-5400))
            try await comment.create(on: db)
            try await open(
                .comment, id: try comment.requireID(), creator: jo, videoID: commented.id, snapshot: worryingComment,
                reports: [(sam, .selfHarmRisk, "I am worried about Jo. Can someone check in?")], at: now.addingTimeInterval(-3600), on: db)
            try await open(
                .video, id: try signs.requireID(), creator: signs.$owner.id, videoID: signs.id, snapshot: signs.caption,
                reports: [(member, .misinformation, "Says ADHD can only be diagnosed by a professional; my friend self-diagnosed."), (maya, .spam, nil)],
                at: now.addingTimeInterval(-7200), on: db)
        }
        console.print("Demo reports: 2 open cases for demo_moderator (a self-harm risk comment, a misinformation video).")
    }

    private static func video(_ item: DemoVideos.Item, on db: any Database) async throws -> Video? {
        try await Video.query(on: db).filter(\.$caption == DemoVideos.caption(item)).first()
    }

    private static func open(
        _ type: ReportTarget, id: UUID, creator: UUID, videoID: UUID?, snapshot: String, reports: [(UUID, ReportReason, String?)], at time: Date,
        on db: any Database
    ) async throws {
        let moderationCase = ModerationCase(
            target: type, targetID: id, creatorID: creator, videoID: videoID, reason: reports[0].1, snapshot: snapshot, now: time)
        moderationCase.reportCount = reports.count
        moderationCase.topReason = reports.map(\.1).max { $0.weight < $1.weight } ?? reports[0].1
        moderationCase.selfHarmRisk = reports.contains { $0.1 == .selfHarmRisk }
        try await moderationCase.create(on: db)
        for (offset, report) in reports.enumerated() {
            try await Report(
                caseID: try moderationCase.requireID(), reporterID: report.0, reason: report.1, note: report.2,
                now: time.addingTimeInterval(Double(offset) * 600)
            ).create(on: db)
        }
    }
}
