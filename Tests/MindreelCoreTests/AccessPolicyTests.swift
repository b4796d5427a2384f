import Foundation
import Testing

@testable import MindreelCore

@Suite("Access policy")
struct AccessPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let memberID = UUID()
    let creatorID = UUID()

    var member: Actor { Actor(userID: memberID, roles: [.member]) }
    var creator: Actor { Actor(userID: creatorID, roles: [.member]) }
    func actor(_ roles: Set<Role>) -> Actor { Actor(userID: UUID(), roles: roles) }

    func video(_ publication: PublicationState = .published, _ visibility: Visibility = .public, processing: ProcessingState = .ready) -> Resource {
        .video(VideoAccess.Facts(ownerID: creatorID, processing: processing, publication: publication, visibility: visibility))
    }

    func decide(_ actor: Actor, _ action: AccessAction, _ resource: Resource = .none) -> AccessDecision {
        AccessPolicy.decide(actor, action, resource, at: now)
    }

    @Test("visitors may browse, watch and enter an account; everything else asks them to log in, staff pages are refused outright")
    func visitors() {
        for action in [AccessAction.browse, .enterAccount, .watchVideo] {
            #expect(decide(.visitor, action) == .allowed, "\(action)")
        }
        for action in AccessAction.allCases where action.requirement == .signedIn || action.requirement == .signedInNotSuspended {
            #expect(decide(.visitor, action) == .refused(.signInRequired), "\(action)")
        }
        #expect(decide(.visitor, .moderate) == .refused(.roleRequired(.moderator)))
        #expect(decide(.visitor, .manageTopics) == .refused(.roleRequired(.admin)))
    }

    @Test("moderation is for moderators and admins; topics for admins; clinicians, coordinators and members get neither")
    func roles() {
        for roles: Set<Role> in [[.member], [.clinician], [.coordinator], [.clinician, .coordinator]] {
            #expect(decide(actor(roles), .moderate) == .refused(.roleRequired(.moderator)), "\(roles)")
            #expect(decide(actor(roles), .manageTopics) == .refused(.roleRequired(.admin)), "\(roles)")
        }
        #expect(decide(actor([.moderator]), .moderate) == .allowed)
        #expect(decide(actor([.admin]), .moderate) == .allowed)
        #expect(decide(actor([.moderator]), .manageTopics) == .refused(.roleRequired(.admin)))
        #expect(decide(actor([.admin]), .manageTopics) == .allowed)
    }

    @Test("a suspension stops uploads, edits, comments, likes, follows, profile changes and reports until it ends; reading and one's own account stay open")
    func suspension() {
        let until = now.addingTimeInterval(3600)
        let suspended = Actor(userID: memberID, roles: [.member], suspension: Suspension(until: until))
        let writes: [AccessAction] = [.upload, .editOwnVideo, .comment, .editComment, .like, .follow, .editProfile, .report]
        for action in writes {
            #expect(decide(suspended, action) == .refused(.suspended(until: until)), "\(action)")
            #expect(AccessPolicy.decide(suspended, action, at: until) == .allowed, "\(action) once the suspension has ended")
        }
        for action in [AccessAction.browse, .watchVideo, .readOwn, .manageOwnAccount, .deleteOwnVideo, .deleteComment, .block, .appeal] {
            #expect(decide(suspended, action) == .allowed, "\(action)")
        }
        let forGood = Actor(userID: memberID, roles: [.member], suspension: Suspension(until: nil))
        #expect(AccessPolicy.decide(forGood, .comment, at: now.addingTimeInterval(10 * 365 * 86400)) == .refused(.suspended(until: nil)))
        // A suspended moderator does not moderate.
        let moderator = Actor(userID: UUID(), roles: [.moderator], suspension: Suspension(until: until))
        #expect(decide(moderator, .moderate) == .refused(.suspended(until: until)))
        #expect(AccessRefusal.suspended(until: until).reason.contains("until"))
    }

    @Test("videos: the owner sees theirs in every state; others only ready, published or limited, not private; only the owner edits or deletes")
    func videos() {
        for state in PublicationState.allCases {
            #expect(decide(creator, .watchVideo, video(state, .private, processing: .transcoding)) == .allowed, "\(state)")
        }
        #expect(decide(member, .watchVideo, video()) == .allowed)
        #expect(decide(.visitor, .watchVideo, video(.published, .unlisted)) == .allowed)
        #expect(decide(member, .watchVideo, video(.limited)) == .allowed, "limited: reachable by link")
        #expect(decide(member, .watchVideo, video(.published, .private)) == .refused(.hidden))
        #expect(decide(member, .watchVideo, video(.removed)) == .refused(.hidden))
        // A moderator watches a removed video to decide its appeal; never a private one or a draft.
        #expect(decide(actor([.moderator]), .watchVideo, video(.removed)) == .allowed)
        #expect(decide(actor([.moderator]), .watchVideo, video(.removed, .private)) == .refused(.hidden))
        #expect(decide(actor([.moderator]), .watchVideo, video(.draft)) == .refused(.hidden))
        #expect(decide(actor([.clinician]), .watchVideo, video(.removed)) == .refused(.hidden))
        #expect(decide(member, .watchVideo, video(.draft)) == .refused(.hidden))
        #expect(decide(member, .watchVideo, video(processing: .failed)) == .refused(.hidden))
        for action in [AccessAction.editOwnVideo, .deleteOwnVideo, .readOwn] {
            #expect(decide(creator, action, video()) == .allowed, "\(action)")
            #expect(decide(member, action, video()) == .refused(.hidden), "\(action)")
            #expect(decide(actor([.admin]), action, video()) == .refused(.hidden), "\(action): not even an admin")
        }
    }

    @Test("comments: the author edits; the author or the video's creator deletes; a moderator does not (moderation removes, with a reason)")
    func comments() {
        let comment = Resource.comment(.init(authorID: memberID, videoOwnerID: creatorID))
        #expect(decide(member, .editComment, comment) == .allowed)
        #expect(decide(creator, .editComment, comment) == .refused(.notYours("Only its author can edit a comment.")))
        #expect(decide(member, .deleteComment, comment) == .allowed)
        #expect(decide(creator, .deleteComment, comment) == .allowed)
        if case .refused(.notYours) = decide(actor([.moderator]), .deleteComment, comment) {
        } else {
            Issue.record("a moderator may delete a comment outside moderation")
        }
    }

    @Test("nobody follows, blocks or reports themselves, or moderates their own content")
    func ownAccount() {
        for action in [AccessAction.follow, .block, .report] {
            guard case .refused(.ownAccount) = decide(member, action, .account(memberID)) else {
                Issue.record("\(action) on oneself was allowed")
                continue
            }
            #expect(decide(member, action, .account(creatorID)) == .allowed)
        }
        let moderator = Actor(userID: creatorID, roles: [.moderator])
        guard case .refused(.ownAccount) = decide(moderator, .moderate, .account(creatorID)) else {
            Issue.record("a moderator may decide on their own content")
            return
        }
        #expect(decide(moderator, .moderate, .account(memberID)) == .allowed)
    }
}
