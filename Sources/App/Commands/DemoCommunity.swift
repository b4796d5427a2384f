import Fluent
import Foundation
import SQLKit
import Vapor

/// Likes, saves, comments, follows and views among the demo accounts, so the feed feels alive on
/// first run. Deterministic, and made once: a second `seed --demo` leaves them as they are.
enum DemoCommunity {
    static let comments: [(video: Int, author: String, text: String, replies: [(author: String, text: String)])] = [
        (0, "demo_member", "This helped me on the bus today. Thank you.", [("demo_ana_counsellor", "So glad it helped. It gets easier with practice.")]),
        (1, "demo_jo_peer", "The 3 a.m. busy mind is so real.", [("demo_sam_lives_it", "Right? You are not alone in it.")]),
        (2, "demo_member", "I needed to hear this after a quiz made me panic.", []),
        (4, "demo_maya_laughs", "I wish someone had told me I could ask questions too!", []),
        (5, "demo_lee_psychologist", "Consistent wake time is one of the most useful sleep habits. Nice summary.", []),
        (8, "demo_noor_explains", "Being kind to yourself is a skill, not a personality trait.", [("demo_member", "Saving this one.")]),
        (9, "demo_sam_lives_it", "Thank you for explaining this without jokes about tidiness.", []),
        (12, "demo_member", "The two week rule of thumb is helpful to know.", [("demo_lee_psychologist", "And if it is urgent, do not wait two weeks.")]),
        (13, "demo_jo_peer", "Three alarms named do not panic is a mood.", []),
        (15, "demo_sam_lives_it", "A slip is information. Writing that down.", []),
        (18, "demo_member", "Trying this tonight.", []),
        (21, "demo_noor_explains", "Ten minutes of rest counts. Needed this.", []),
    ]

    static let follows: [(follower: String, creator: String)] = [
        ("demo_member", "demo_ana_counsellor"), ("demo_member", "demo_noor_explains"), ("demo_member", "demo_lee_psychologist"),
        ("demo_sam_lives_it", "demo_ana_counsellor"), ("demo_jo_peer", "demo_sam_lives_it"), ("demo_maya_laughs", "demo_noor_explains"),
        ("demo_noor_explains", "demo_lee_psychologist"), ("demo_lee_psychologist", "demo_ana_counsellor"), ("demo_ana_counsellor", "demo_jo_peer"),
    ]

    static func seed(app: Application, console: any Console) async throws {
        let handles = ["demo_member"] + DemoVideos.creators.map(\.handle)
        var found: [String: User] = [:]
        for user in try await User.query(on: app.db).filter(\.$handle ~~ handles).all() { found[user.handle] = user }
        let users = found
        guard let member = users["demo_member"], try await Follow.query(on: app.db).filter(\.$follower.$id == (try member.requireID())).count() == 0 else {
            console.print("Demo likes, comments and follows: made already.")
            return
        }
        // The demo videos in the order DemoVideos lists them.
        var list: [Video?] = []
        for item in DemoVideos.items {
            let owner = users[item.creator]
            list.append(
                try await owner.asyncFlatMap { owner in
                    try await Video.query(on: app.db).filter(\.$owner.$id == (try owner.requireID())).filter(\.$caption == DemoVideos.caption(item)).first()
                })
        }
        let now = app.mindreel.now
        let videos = list
        try await app.db.transaction { db in
            for follow in follows {
                guard let follower = users[follow.follower], let creator = users[follow.creator] else { continue }
                try await Follow(followerID: try follower.requireID(), creatorID: try creator.requireID(), now: now).create(on: db)
            }
            for (index, video) in videos.enumerated() {
                guard let video, let videoID = video.id else { continue }
                // A spread of likes and saves: each account likes some videos, never their own.
                for (position, handle) in handles.enumerated() {
                    guard let user = users[handle], let userID = user.id, userID != video.$owner.id else { continue }
                    if (index * 7 + position * 3) % 5 < 2 {
                        try await VideoReaction(userID: userID, videoID: videoID, kind: .like, now: now).create(on: db)
                    }
                    if (index + position) % 6 == 0 {
                        try await VideoReaction(userID: userID, videoID: videoID, kind: .save, now: now).create(on: db)
                    }
                }
                // The demo videos were all made a minute ago; a catalogue posted over the last two
                // weeks looks more like the real thing, so each is dated back 0 to 13 days.
                let age = Double((index * 5) % 14) * 86_400 + Double(index % 7) * 3_600
                let posted = now.addingTimeInterval(-age)
                video.createdAt = posted
                video.updatedAt = posted
                if video.readyAt != nil { video.readyAt = posted.addingTimeInterval(60) }
                // Views from made-up visitors, counted like real ones, on the days since it was posted
                // (never before: the studio's chart would show views of a video not yet uploaded).
                let daysOnline = Int(age / 86_400) + 1
                let viewers = 6 + (index * 11) % 37
                for viewer in 0..<viewers {
                    let daysAgo = (viewer * 5 + index) % daysOnline
                    let day = ViewsController.day(of: now.addingTimeInterval(-Double(daysAgo) * 86_400))
                    try await VideoView(videoID: videoID, viewerKey: "demo-\(index)-\(viewer)", day: day).create(on: db)
                }
                // How far the demo accounts watched: some to the end, some skipped early.
                for (position, handle) in handles.enumerated() where (index + position) % 3 == 0 {
                    guard let userID = users[handle]?.id, userID != video.$owner.id, let duration = video.durationSeconds else { continue }
                    let fraction = [1.0, 0.6, 0.15, 0.9][(index + position) % 4]
                    let event = WatchEvent()
                    event.$user.id = userID
                    event.$video.id = videoID
                    event.watchSeconds = (duration * fraction * 10).rounded() / 10
                    event.completed = fraction >= 0.95
                    event.skipped = fraction < 0.25
                    event.createdAt = now.addingTimeInterval(-Double(position * 3600))
                    try await event.create(on: db)
                }
                video.viewCount = viewers
                try await video.save(on: db)
            }
            for (offset, entry) in comments.enumerated() {
                guard entry.video < videos.count, let video = videos[entry.video], let videoID = video.id, let author = users[entry.author] else {
                    continue
                }
                let time = now.addingTimeInterval(Double(offset * 10 - 600))
                let comment = Comment(videoID: videoID, authorID: try author.requireID(), parentID: nil, body: entry.text, now: time)
                try await comment.create(on: db)
                for (replyOffset, reply) in entry.replies.enumerated() {
                    guard let replier = users[reply.author] else { continue }
                    try await Comment(
                        videoID: videoID, authorID: try replier.requireID(), parentID: try comment.requireID(), body: reply.text,
                        now: time.addingTimeInterval(Double(replyOffset + 1))
                    ).create(on: db)
                }
            }
        }
        console.print("Demo likes, saves, comments, follows and views: made.")
    }
}

extension Optional {
    fileprivate func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
