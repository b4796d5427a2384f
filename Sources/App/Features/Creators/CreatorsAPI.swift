import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// JSON shapes of creator profiles and follows.
enum CreatorsAPI {
    struct Link: Content {
        let url: String
        let label: String
    }

    struct Profile: Content {
        let handle: String
        let displayName: String
        /// Plain text: show it as text.
        let bio: String?
        let links: [Link]
        let avatarUrl: String?
        let initials: String
        let profileUrl: String
        let followerCount: Int
        let videoCount: Int
        let totalViews: Int
        /// Whether the caller follows them; nil for visitors and for the creator themself.
        let following: Bool?
    }

    struct FollowState: Content {
        let handle: String
        let followerCount: Int
        let following: Bool
    }

    struct FollowedCreator: Content {
        let handle: String
        let displayName: String
        let avatarUrl: String?
        let profileUrl: String
        let initials: String
        let followerCount: Int
    }

    struct ProfileInput: Content {
        var displayName: String?
        var bio: String?
        var links: [String]?

        enum CodingKeys: String, CodingKey {
            case bio, links
            case displayName = "display_name"
        }
    }
}

/// Counts and links of one creator, read once for the API and the profile page.
struct CreatorProfile {
    let user: User
    let followerCount: Int
    let videoCount: Int
    let totalViews: Int

    static func load(_ user: User, on db: any Database) async throws -> CreatorProfile {
        let id = try user.requireID()
        let followers = try await Follow.query(on: db).filter(\.$creator.$id == id).count()
        // One pass in the database. SUM over a BIGINT is NUMERIC on PostgreSQL: cast back to BIGINT.
        let row = try await (db as! any SQLDatabase).raw(
            """
            SELECT COUNT(*) AS videos, CAST(COALESCE(SUM(view_count), 0) AS BIGINT) AS views FROM videos
            WHERE owner_id = \(bind: id) AND \(unsafeRaw: listedVideosCondition("videos"))
            """
        ).first()
        let videos = try row?.decode(column: "videos", as: Int.self) ?? 0
        let views = try row?.decode(column: "views", as: Int.self) ?? 0
        return CreatorProfile(user: user, followerCount: followers, videoCount: videos, totalViews: views)
    }

    var links: [CreatorsAPI.Link] {
        (user.links ?? "").split(separator: "\n").compactMap { URL(string: String($0)) }.map {
            CreatorsAPI.Link(url: $0.absoluteString, label: ProfileRules.label(for: $0))
        }
    }

    func api(following: Bool?) -> CreatorsAPI.Profile {
        CreatorsAPI.Profile(
            handle: user.handle, displayName: user.displayName, bio: user.bio, links: links, avatarUrl: AvatarFiles.url(of: user),
            initials: ProfileRules.initials(of: user.displayName), profileUrl: SiteURL.profile(user.handle).path,
            followerCount: followerCount, videoCount: videoCount, totalViews: totalViews, following: following)
    }
}
