import Fluent
import Foundation
import MindreelCore
import Vapor

/// Comments with one level of replies. Authors edit and delete their own; a video's creator (and
/// moderators) delete any on it; a creator can turn comments off per video.
struct CommentsController: RouteCollection {
    static let repliesShown = 50

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("videos", ":videoID", "comments", use: list)
        api.get("comments", ":commentID", "replies", use: replies)
        api.post("videos", ":videoID", "comments", use: create)
        api.patch("comments", ":commentID", use: edit)
        api.delete("comments", ":commentID", use: delete)
    }

    /// Top-level comments, newest first, each with its first replies. When the creator turned
    /// comments off, only they still see the old ones (to delete them).
    func list(req: Request) async throws -> APIPage<CommentsAPI.Item> {
        let video = try await VideoPresenter.findWatchable(req)
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        guard video.commentsEnabled || req.account?.userID == video.$owner.id else { return .init(items: [], nextCursor: nil) }
        let hidden = try await Blocking.hidden(from: req.account?.userID, on: req.db)
        let result = try await Comment.query(on: req.db).filter(\.$video.$id == (try video.requireID())).filter(\.$parent.$id == nil)
            .shown(hiding: hidden).with(\.$author).cursorPage(req, limit: limit) { $0.createdAt }
        let page = result.rows
        let parentIDs = try page.map { try $0.requireID() }
        let allReplies =
            parentIDs.isEmpty
            ? []
            : try await Comment.query(on: req.db).filter(\.$parent.$id ~~ parentIDs).shown(hiding: hidden)
                .sort(\.$createdAt).sort(\.$id).with(\.$author).all()
        let repliesByParent = Dictionary(grouping: allReplies) { $0.$parent.id! }
        let permissions = Permissions(req: req, video: video)
        let items = try page.map { comment in
            let replies = repliesByParent[try comment.requireID()] ?? []
            return try Self.item(
                comment, replies: replies.prefix(Self.repliesShown).map { try Self.item($0, replies: [], replyCount: 0, permissions) },
                replyCount: replies.count, permissions)
        }
        return .init(items: items, nextCursor: result.nextCursor)
    }

    /// A comment's replies, oldest first.
    func replies(req: Request) async throws -> APIPage<CommentsAPI.Item> {
        let (parent, video) = try await Self.findComment(req)
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        guard video.commentsEnabled || req.account?.userID == video.$owner.id else { return .init(items: [], nextCursor: nil) }
        let hidden = try await Blocking.hidden(from: req.account?.userID, on: req.db)
        let page = try await Comment.query(on: req.db).filter(\.$parent.$id == (try parent.requireID())).shown(hiding: hidden).with(\.$author)
            .cursorPage(req, limit: limit, ascending: true) { $0.createdAt }
        let permissions = Permissions(req: req, video: video)
        return .init(items: try page.rows.map { try Self.item($0, replies: [], replyCount: 0, permissions) }, nextCursor: page.nextCursor)
    }

    func create(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let video = try await VideoPresenter.findWatchable(req)
        let videoID = try video.requireID()
        if try await Blocking.between(account.userID, video.$owner.id, on: req.db) {
            throw HTTPProblem(.forbidden, detail: "You cannot comment on this video.")
        }
        guard video.commentsEnabled else {
            throw HTTPProblem(.forbidden, detail: "Comments are turned off for this video.")
        }
        let input = try req.content.decode(CommentsAPI.Input.self)
        let body = try CommentRules.validate(input.body).get()
        // One level of replies: a reply to a reply joins its top-level comment's thread.
        let parent = try await Self.thread(for: input.parentId, videoID: videoID, on: req.db)
        let now = req.mindreel.now
        let comment = Comment(videoID: videoID, authorID: account.userID, parentID: try parent?.requireID(), body: body, now: now)
        let actor = account.user
        // Crisis language never stops a comment: it is posted, its author sees the help lines
        // at once, and a moderator is asked to look first.
        let crisis = CrisisLanguage.classify(body)
        try await req.db.transaction { db in
            try await comment.create(on: db)
            try await CrisisFlags.flag(comment: comment, videoID: videoID, level: crisis.level, on: db, now: now)
            let commentID = try comment.requireID()
            let url = SiteURL.video(videoID).path + "#comment-\(commentID.uuidString.lowercased())"
            var told = Set([account.userID])
            if let parent, !told.contains(parent.$author.id) {
                told.insert(parent.$author.id)
                try await MemberNotification(
                    recipientID: parent.$author.id, kind: .reply, actorID: account.userID, videoID: videoID, commentID: commentID,
                    text: "\(actor.displayName) (@\(actor.handle)) replied to your comment.", url: url, now: now
                ).create(on: db)
            }
            if !told.contains(video.$owner.id) {
                try await MemberNotification(
                    recipientID: video.$owner.id, kind: .comment, actorID: account.userID, videoID: videoID, commentID: commentID,
                    text: "\(actor.displayName) (@\(actor.handle)) commented on your video.", url: url, now: now
                ).create(on: db)
            }
        }
        comment.$author.value = actor
        var item = try Self.item(comment, replies: [], replyCount: 0, Permissions(req: req, video: video))
        if crisis.level > .none { item.crisisSupport = req.crisisPanel(.comment) }
        return try await item.encodeResponse(status: .created, for: req)
    }

    func edit(req: Request) async throws -> CommentsAPI.Item {
        let account = try req.requireAccount()
        let (comment, video) = try await Self.findComment(req)
        try req.authorize(.editComment, .comment(Permissions.facts(comment, video)))
        let input = try req.content.decode(CommentsAPI.Input.self)
        comment.body = try CommentRules.validate(input.body).get()
        comment.editedAt = req.mindreel.now
        let crisis = CrisisLanguage.classify(comment.body)
        let videoID = try video.requireID()
        try await req.db.transaction { db in
            try await comment.save(on: db)
            try await CrisisFlags.flag(comment: comment, videoID: videoID, level: crisis.level, on: db, now: req.mindreel.now)
        }
        comment.$author.value = account.user
        let replyCount = try await Comment.query(on: req.db).filter(\.$parent.$id == (try comment.requireID())).count()
        var item = try Self.item(comment, replies: [], replyCount: replyCount, Permissions(req: req, video: video))
        if crisis.level > .none { item.crisisSupport = req.crisisPanel(.comment) }
        return item
    }

    /// Deleting a top-level comment deletes its replies too (the database cascades).
    func delete(req: Request) async throws -> HTTPStatus {
        let account = try req.requireAccount()
        let (comment, video) = try await Self.findComment(req)
        try req.authorize(.deleteComment, .comment(Permissions.facts(comment, video)))
        try await req.db.transaction { db in
            // Replies first: SQLite only cascades when foreign keys are on, and this keeps both databases alike.
            let replies = try await Comment.query(on: db).filter(\.$parent.$id == (try comment.requireID())).all(\.$id)
            for id in replies + [try comment.requireID()] {
                // A reported comment stays in the moderation queue as the words it had.
                try await ModerationDecisions.targetDeleted(.comment, id, on: db, now: req.mindreel.now)
            }
            try await Comment.query(on: db).filter(\.$parent.$id == (try comment.requireID())).delete()
            try await comment.delete(on: db)
            if comment.$author.id != account.userID {
                try await req.audit.record(
                    AuditEntry(
                        actorID: account.userID, actorRole: req.actorRole, action: .commentRemove, objectType: "comment",
                        objectID: try comment.requireID().uuidString.lowercased(),
                        detail: "video \(try video.requireID().uuidString.lowercased())"), on: db)
            }
        }
        return .noContent
    }

    /// The top-level comment a reply joins, or nil for a new top-level comment.
    static func thread(for parentID: UUID?, videoID: UUID, on db: any Database) async throws -> Comment? {
        guard let parentID else { return nil }
        guard let found = try await Comment.find(parentID, on: db), found.$video.id == videoID else {
            throw HTTPProblem(.unprocessableEntity, field: "parent_id", detail: "The comment you replied to was deleted.")
        }
        guard let grandparentID = found.$parent.id else { return found }
        return try await Comment.find(grandparentID, on: db)
    }

    /// The comment and its video, when the caller may see the video; 404 otherwise.
    static func findComment(_ req: Request) async throws -> (Comment, Video) {
        guard let id = req.parameters.get("commentID", as: UUID.self), let comment = try await Comment.find(id, on: req.db),
            let video = try await Video.find(comment.$video.id, on: req.db),
            req.may(.watchVideo, .video(video.accessFacts))
        else {
            throw HTTPProblem(.notFound, detail: "There is no such comment.")
        }
        return (comment, video)
    }

    /// What the viewer may do to each comment under one video, for its buttons.
    struct Permissions {
        let request: Request
        let videoOwnerID: UUID

        init(req: Request, video: Video) {
            request = req
            videoOwnerID = video.$owner.id
        }

        static func facts(_ comment: Comment, _ video: Video) -> Resource.CommentFacts {
            Resource.CommentFacts(authorID: comment.$author.id, videoOwnerID: video.$owner.id)
        }

        private func facts(_ comment: Comment) -> Resource {
            .comment(Resource.CommentFacts(authorID: comment.$author.id, videoOwnerID: videoOwnerID))
        }

        func mayEdit(_ comment: Comment) -> Bool { request.may(.editComment, facts(comment)) }

        func mayDelete(_ comment: Comment) -> Bool { request.may(.deleteComment, facts(comment)) }
    }

    static func item(_ comment: Comment, replies: [CommentsAPI.Item], replyCount: Int, _ permissions: Permissions) throws -> CommentsAPI.Item {
        CommentsAPI.Item(
            id: try comment.requireID().uuidString.lowercased(), videoId: comment.$video.id.uuidString.lowercased(),
            parentId: comment.$parent.id?.uuidString.lowercased(), body: comment.body, author: CreatorSummary(comment.author),
            createdAt: comment.createdAt, editedAt: comment.editedAt, replyCount: replyCount, replies: replies,
            canEdit: permissions.mayEdit(comment), canDelete: permissions.mayDelete(comment))
    }
}

extension QueryBuilder where Model == Comment {
    /// Comments anyone may read: not removed by a moderator, not by someone a block hides.
    func shown(hiding authors: Set<UUID>) -> Self {
        let visible = filter(\.$removedAt == nil)
        return authors.isEmpty ? visible : visible.filter(\.$author.$id !~ Array(authors))
    }
}
