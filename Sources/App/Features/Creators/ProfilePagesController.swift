import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// `/@{handle}`, the creator's profile page, and `/settings/profile`, where they edit it.
struct ProfilePagesController: RouteCollection {
    static let gridPageSize = 24
    /// The profile form's body limit (`AppConfig.multipartFormLimit`).
    let multipartFormLimit: Int

    struct GridVideo: Encodable {
        let id: String
        let pageUrl: String
        let posterUrl: String?
        let title: String
        let viewCount: Int
        let likeCount: Int
        let durationLabel: String
        let contentKindLabel: String
        let badge: LicenceBadge?

        init(_ item: FeedItem) {
            let seconds = Int((item.video.durationSeconds ?? 0).rounded())
            id = item.video.id
            pageUrl = item.video.pageUrl
            posterUrl = item.video.posterUrl
            title = VideoPageController.title(forCaption: item.video.caption)
            viewCount = item.video.viewCount
            likeCount = item.video.likeCount
            durationLabel = String(format: "%d:%02d", seconds / 60, seconds % 60)
            contentKindLabel = item.contentKindLabel
            badge = item.creator.badge
        }

        /// A grid shows no viewer's own state, so none is read.
        static func make(_ videos: [Video], now: Date, on db: any Database) async throws -> [GridVideo] {
            try await FeedItem.make(videos, viewerID: nil, now: now, on: db).map(GridVideo.init)
        }
    }

    struct ProfilePage: Encodable {
        struct Profile: Encodable {
            let handle: String
            let displayName: String
            let bio: String?
            let links: [CreatorsAPI.Link]
            let avatarUrl: String?
            let initials: String
            let followerCount: Int
            let videoCount: Int
            let totalViews: Int
            let badge: LicenceBadge?
        }

        let layout: LayoutContext
        let profile: Profile
        let videos: [GridVideo]
        let nextPageURL: String?
        let isOwner: Bool
        let isSignedIn: Bool
        let following: Bool
        /// The viewer blocked this account: the page offers Unblock and shows none of its videos.
        let blockedByViewer: Bool
        /// Suspended by a moderator now: the grid is empty and says so.
        let suspended: Bool
    }

    struct EditPage: Encodable {
        let layout: LayoutContext
        let displayName: String
        let bio: String
        let links: String
        let avatarUrl: String?
        let initials: String
        let errors: [String: String]
        let maximumAvatarBytes: Int
        let maximumAvatarSize: String
    }

    struct EditForm: Content {
        var displayName: String?
        var bio: String?
        var links: String?
        var avatar: File?
        var removeAvatar: String?

        enum CodingKeys: String, CodingKey {
            case bio, links, avatar
            case displayName = "display_name"
            case removeAvatar = "remove_avatar"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":profile", use: profile)
        let settings = routes.grouped("settings")
        settings.get("profile", use: edit)
        settings.on(.POST, "profile", body: .collect(maxSize: ByteCount(value: multipartFormLimit)), use: save)
    }

    func profile(req: Request) async throws -> View {
        guard let segment = req.parameters.get("profile"), segment.hasPrefix("@"),
            let user = try await User.query(on: req.db).filter(\.$handle == String(segment.dropFirst()).lowercased()).first()
        else {
            throw HTTPProblem(.notFound, detail: "There is no such page.")
        }
        let userID = try user.requireID()
        let viewerID = req.account?.userID
        let relation = try await Blocking.relation(of: viewerID, to: userID, on: req.db)
        // Someone who blocked the viewer is not there for them.
        if relation.blockedViewer { throw HTTPProblem(.notFound, detail: "There is no such page.") }
        let counts = try await CreatorProfile.load(user, on: req.db)
        var query = Video.query(on: req.db).listedOnProfile().filter(\.$owner.$id == userID)
        // A suspended creator's videos leave every listing, their profile's grid included.
        let suspended = user.suspension?.isActive(at: req.mindreel.now) ?? false
        if relation.blockedByViewer || suspended { query = query.filter(\.$id == UUID()) }  // none
        let page = try await NewestFirstPage.videos(query, req, limit: Self.gridPageSize)
        let following = try await CreatorsController.isFollowing(userID, viewer: viewerID, on: req.db) ?? false
        return try await req.view.render(
            "creators/show",
            ProfilePage(
                layout: LayoutContext(request: req, title: "\(user.displayName) (@\(user.handle))"),
                profile: .init(
                    handle: user.handle, displayName: user.displayName, bio: user.bio, links: counts.links, avatarUrl: AvatarFiles.url(of: user),
                    initials: ProfileRules.initials(of: user.displayName), followerCount: counts.followerCount, videoCount: counts.videoCount,
                    totalViews: counts.totalViews, badge: try await LicenceBadge.of(userID, req: req)),
                videos: try await GridVideo.make(page.videos, now: req.mindreel.now, on: req.db),
                nextPageURL: page.next.map { SiteURL.profile(user.handle).path + "?cursor=\($0)" }, isOwner: viewerID == userID,
                isSignedIn: viewerID != nil, following: following, blockedByViewer: relation.blockedByViewer,
                suspended: suspended))
    }

    func edit(req: Request) async throws -> Response {
        let user = try req.requireAccount().user
        return try await render(
            req, displayName: user.displayName, bio: user.bio ?? "", links: user.links ?? "", user: user, errors: [:], status: .ok)
    }

    func save(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let user = account.user
        let form = try await req.decodeOffTheSharedThreads { try req.content.decode(EditForm.self) }
        let linkLines = (form.links ?? "").split(whereSeparator: \.isNewline).map(String.init)
        let checked = ProfileRules.validate(displayName: form.displayName ?? "", bio: form.bio, links: linkLines)
        var errors: [String: String] = [:]
        if case .failure(let fieldErrors) = checked {
            for item in fieldErrors.items where errors[item.field] == nil { errors[item.field] = item.message }
        }
        // The picture is made before anything is saved, so a bad picture changes nothing.
        var newAvatar: Media.StorageKey?
        if errors.isEmpty, let file = form.avatar, file.data.readableBytes > 0 {
            do {
                newAvatar = try await storeAvatar(file, for: account.userID, req: req)
            } catch let failure as AvatarImage.Failure {
                errors["avatar"] = failure.message
            } catch let problem as HTTPProblem {
                errors["avatar"] = problem.detail
            }
        }
        guard errors.isEmpty, case .success(let profile) = checked else {
            return try await render(
                req, displayName: form.displayName ?? "", bio: form.bio ?? "", links: form.links ?? "", user: user, errors: errors,
                status: .unprocessableEntity)
        }
        let oldAvatar = user.avatarKey
        if let newAvatar {
            user.avatarKey = newAvatar.value
        } else if form.removeAvatar == "on" {
            user.avatarKey = nil
        }
        do {
            try await ProfileUpdate.apply(profile, to: user, on: req.db)
        } catch {
            if let newAvatar { try? await req.mindreel.storage.delete(newAvatar) }
            throw error
        }
        try await ImpersonationCheck.run(user, req: req)
        if let oldAvatar, oldAvatar != user.avatarKey, let key = Media.StorageKey(oldAvatar) {
            try? await req.mindreel.storage.delete(key)
        }
        return req.redirect(to: SiteURL.profile(user.handle).with(.profileSaved))
    }

    /// Converts the uploaded picture in a temporary folder and stores the result.
    private func storeAvatar(_ file: File, for userID: UUID, req: Request) async throws -> Media.StorageKey {
        let config = req.mindreel.config
        guard file.data.readableBytes <= config.maxAvatarBytes else {
            throw HTTPProblem(
                .payloadTooLarge, detail: "This picture is too large: a profile picture can be at most \(config.maxAvatarSizeText).")
        }
        let folder = req.mindreel.config.dataDirectory + "/work/avatar-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/upload"
        let output = folder + "/avatar.jpg"
        try Data(buffer: file.data).write(to: URL(fileURLWithPath: input))
        try await AvatarImage.make(input: input, output: output)
        let key = AvatarFiles.newKey(for: userID)
        try await req.mindreel.storage.storeMoving(fileAt: output, as: key, contentType: "image/jpeg")
        return key
    }

    private func render(
        _ req: Request, displayName: String, bio: String, links: String, user: User, errors: [String: String], status: HTTPResponseStatus
    ) async throws -> Response {
        let page = EditPage(
            layout: LayoutContext(request: req, title: "Your profile"), displayName: displayName, bio: bio, links: links,
            avatarUrl: AvatarFiles.url(of: user), initials: ProfileRules.initials(of: user.displayName), errors: errors,
            maximumAvatarBytes: req.mindreel.config.maxAvatarBytes, maximumAvatarSize: req.mindreel.config.maxAvatarSizeText)
        let response = try await req.view.render("settings/profile", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
