import Fluent
import Foundation
import MindreelCore
import Vapor

/// Creator profiles and follows under `/api/v1`. Follower counts are public; whom a member
/// follows is visible only to them (`GET /api/v1/me/follows`).
struct CreatorsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("creators", ":handle", use: profile)
        api.get("creators", ":handle", "videos", use: videos)
        api.put("creators", ":handle", "follow") { req in try await self.follow(req, true) }
        api.delete("creators", ":handle", "follow") { req in try await self.follow(req, false) }
        api.get("me", "follows", use: myFollows)
        api.patch("me", "profile", use: editProfile)
    }

    static func findCreator(_ req: Request) async throws -> User {
        guard let handle = req.parameters.get("handle")?.lowercased(),
            let user = try await User.query(on: req.db).filter(\.$handle == handle).first()
        else {
            throw HTTPProblem(.notFound, detail: "There is no creator with that handle.")
        }
        return user
    }

    /// The creator, unless a block stands between them and the viewer (then 404, as for a
    /// handle that does not exist).
    static func findVisibleCreator(_ req: Request) async throws -> User {
        let user = try await findCreator(req)
        if let viewerID = req.account?.userID, try await Blocking.relation(of: viewerID, to: try user.requireID(), on: req.db).blockedViewer {
            throw HTTPProblem(.notFound, detail: "There is no creator with that handle.")
        }
        return user
    }

    static func isFollowing(_ creatorID: UUID, viewer: UUID?, on db: any Database) async throws -> Bool? {
        guard let viewer, viewer != creatorID else { return nil }
        return try await Follow.query(on: db).filter(\.$follower.$id == viewer).filter(\.$creator.$id == creatorID).first() != nil
    }

    func profile(req: Request) async throws -> CreatorsAPI.Profile {
        let user = try await Self.findVisibleCreator(req)
        let following = try await Self.isFollowing(try user.requireID(), viewer: req.account?.userID, on: req.db)
        return try await CreatorProfile.load(user, on: req.db).api(following: following)
    }

    func videos(req: Request) async throws -> APIPage<FeedItem> {
        let user = try await Self.findVisibleCreator(req)
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        let query = Video.query(on: req.db).listedOnProfile().filter(\.$owner.$id == (try user.requireID()))
            .notBy(try await req.hiddenCreators())
        let page = try await NewestFirstPage.videos(query, req, limit: limit)
        return .init(items: try await FeedItem.make(page.videos, viewerID: req.account?.userID, now: req.mindreel.now, on: req.db), nextCursor: page.next)
    }

    func follow(_ req: Request, _ active: Bool) async throws -> CreatorsAPI.FollowState {
        let account = try req.requireAccount()
        let creator = try await Self.findCreator(req)
        let creatorID = try creator.requireID()
        if active {
            try req.authorize(.follow, .account(creatorID))
            if try await Blocking.between(account.userID, creatorID, on: req.db) {
                throw HTTPProblem(.forbidden, detail: "You cannot follow this account.")
            }
        }
        let existing = try await Follow.query(on: req.db).filter(\.$follower.$id == account.userID).filter(\.$creator.$id == creatorID).first()
        if active, existing == nil {
            let now = req.mindreel.now
            do {
                try await req.db.transaction { db in
                    try await Follow(followerID: account.userID, creatorID: creatorID, now: now).create(on: db)
                    // Unfollowing and following again does not tell the creator twice.
                    let alreadyTold =
                        try await MemberNotification.query(on: db).filter(\.$recipient.$id == creatorID)
                        .filter(\.$kind == .follow).filter(\.$actor.$id == account.userID).filter(\.$readAt == nil).first() != nil
                    if alreadyTold { return }
                    try await MemberNotification(
                        recipientID: creatorID, kind: .follow, actorID: account.userID,
                        text: "\(account.user.displayName) (@\(account.user.handle)) started following you.",
                        url: SiteURL.profile(account.user.handle).path, now: now
                    ).create(on: db)
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A double tap raced itself: the follow exists, which is what was asked.
            }
        } else if !active, let existing {
            try await existing.delete(on: req.db)
        }
        let count = try await Follow.query(on: req.db).filter(\.$creator.$id == creatorID).count()
        return CreatorsAPI.FollowState(handle: creator.handle, followerCount: count, following: active)
    }

    /// The caller's own follows, most recent first.
    func myFollows(req: Request) async throws -> APIPage<CreatorsAPI.FollowedCreator> {
        let account = try req.requireAccount()
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        let page = try await Follow.query(on: req.db).filter(\.$follower.$id == account.userID).with(\.$creator)
            .cursorPage(req, limit: limit) { $0.createdAt }
        var items: [CreatorsAPI.FollowedCreator] = []
        for follow in page.rows {
            let creator = follow.creator
            let count = try await Follow.query(on: req.db).filter(\.$creator.$id == (try creator.requireID())).count()
            items.append(
                .init(
                    handle: creator.handle, displayName: creator.displayName, avatarUrl: AvatarFiles.url(of: creator),
                    profileUrl: SiteURL.profile(creator.handle).path, initials: ProfileRules.initials(of: creator.displayName),
                    followerCount: count))
        }
        return .init(items: items, nextCursor: page.nextCursor)
    }

    func editProfile(req: Request) async throws -> CreatorsAPI.Profile {
        let account = try req.requireAccount()
        let input = try req.content.decode(CreatorsAPI.ProfileInput.self)
        let user = account.user
        let currentLinks = (user.links ?? "").split(separator: "\n").map(String.init)
        let profile = try ProfileRules.validate(
            displayName: input.displayName ?? user.displayName, bio: input.bio ?? user.bio, links: input.links ?? currentLinks
        ).get()
        try await ProfileUpdate.apply(profile, to: user, on: req.db)
        try await ImpersonationCheck.run(user, req: req)
        return try await CreatorProfile.load(user, on: req.db).api(following: nil)
    }
}

/// Writing a checked profile to the account.
enum ProfileUpdate {
    static func apply(_ profile: ProfileRules.Profile, to user: User, on db: any Database) async throws {
        user.displayName = profile.displayName
        user.bio = profile.bio
        user.links = profile.links.isEmpty ? nil : profile.links.map(\.absoluteString).joined(separator: "\n")
        try await user.save(on: db)
    }
}
