import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Clinicians' review notes (issue 14): written by a verified clinician with citations, shown to
/// everyone after two helpful ratings from clinicians sharing no practice (or a moderator's
/// approval), hidden by unhelpful ratings, replied to once by the creator; audited.
@Suite("Review notes")
struct ReviewNotesTests {
    static let citation = "NICE guideline NG87 on ADHD https://www.nice.org.uk/guidance/ng87"
    static let body = "Many of these are common in people without ADHD. An assessment looks at a whole history, not a checklist."

    /// A member made a verified clinician the real way (application, a moderator's approval),
    /// optionally a clinician of `practice`.
    func clinician(_ app: TestApp, _ handle: String, number: Int, desk: Browser, practice: UUID? = nil) async throws -> Browser {
        let browser = try await app.signedUpBrowser(handle: handle)
        #expect(try await LicenceTests.apply(browser, LicenceTests.fields(app, ["licence_number": "LMFT \(number)"])).status == .seeOther)
        let user = try await LicenceTests.user(app, handle)
        let licence = try #require(try await Licence.query(on: app.db).filter(\.$user.$id == user.requireID()).first())
        let decided = try await desk.submit("/moderation/licences/\(try licence.requireID().uuidString.lowercased())/decision", ["decision": "approve"])
        #expect(decided.status == .seeOther)
        if let practice {
            try await PracticeMember(practiceID: practice, userID: try user.requireID(), role: .clinician, now: app.clock.now).create(on: app.db)
        }
        #expect(try await LicenceTests.roles(browser).contains("clinician"))
        return browser
    }

    func practice(_ app: TestApp, _ name: String) async throws -> UUID {
        let practice = Practice()
        practice.name = name
        practice.description = "A practice for the tests."
        practice.website = "https://example.org"
        practice.jurisdictions = "US-CA"
        practice.createdAt = app.clock.now
        practice.updatedAt = app.clock.now
        try await practice.create(on: app.db)
        return try practice.requireID()
    }

    func api(_ browser: Browser, _ method: HTTPMethod, _ path: String, _ object: [String: any Sendable]? = nil) async throws -> TestingHTTPResponse {
        try await browser.json(method, path, object, headers: LicenceTests.csrf(browser))
    }

    func notes(_ browser: Browser, on videoID: String) async throws -> [[String: Any]] {
        (try await browser.get("/api/v1/videos/\(videoID)/review-notes").json["items"] as? [[String: Any]]) ?? []
    }

    func notifications(_ app: TestApp, _ handle: String) async throws -> [String] {
        let user = try await LicenceTests.user(app, handle)
        return try await MemberNotification.query(on: app.db).filter(\.$recipient.$id == (try user.requireID())).filter(\.$kind == .reviewNote)
            .sort(\.$createdAt).all().map(\.text)
    }

    @Test(
        "a note shows to everyone only after two helpful ratings from clinicians sharing no practice with each other or its author; the creator is told and replies once, under it"
    )
    func shownAfterIndependentRatings() async throws {
        try await withTestApp { app in
            let (creatorClient, ids) = try await FeedTests().readyVideos(app, handle: "notes_creator", count: 1)
            let videoID = ids[0]
            let desk = try await ModerationDeskTests().moderator(app, "notes_desk")
            let harbour = try await practice(app, "Harbour Test Practice")
            let author = try await clinician(app, "notes_author", number: 5001, desk: desk, practice: harbour)
            let colleague = try await clinician(app, "notes_colleague", number: 5002, desk: desk, practice: harbour)
            let raterA = try await clinician(app, "notes_rater_a", number: 5003, desk: desk, practice: try await practice(app, "North Test Practice"))
            let raterB = try await clinician(app, "notes_rater_b", number: 5004, desk: desk, practice: try await practice(app, "South Test Practice"))
            let creator = try await FollowsFixture.logIn(app, "notes_creator")

            // The page offers the form to a clinician only.
            #expect(try await author.get("/v/\(videoID)").text.contains("id=\"review-note-form\""))
            #expect(!(try await creator.get("/v/\(videoID)").text.contains("id=\"review-note-form\"")))
            let written = try await author.submit(
                "/v/\(videoID)/review-notes", ["stance": "adds_context", "body": Self.body, "citations": Self.citation + "\nDSM-5-TR, APA 2022"])
            #expect(written.status == .seeOther && written.location?.hasSuffix("#review-notes") == true)
            #expect(try await notifications(app, "notes_creator").first?.contains("wrote a review note") == true)

            // Not shown yet: a visitor sees nothing; the creator and clinicians see it waiting.
            #expect(try await notes(try Browser(app), on: videoID).isEmpty)
            #expect(!(try await Browser(app).get("/v/\(videoID)").text.contains("An assessment looks at a whole history")))
            let waiting = try #require(try await notes(creator, on: videoID).first)
            #expect(waiting["status"] as? String == "needs_ratings" && waiting["citations"] is [Any])
            #expect((waiting["viewer"] as? [String: Any])?["may_reply"] as? Bool == true)
            let noteID = try #require(waiting["id"] as? String)
            #expect(try await raterA.get("/api/v1/review-notes").json["items"].map { ($0 as? [Any])?.count } == 1, "the clinician's list to rate")

            // A colleague of the author's practice and one other clinician: not yet.
            #expect(try await colleague.submit("/review-notes/\(noteID)/rating", ["helpful": "yes"]).status == .seeOther)
            #expect(try await api(raterA, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": true]).json["status"] as? String == "needs_ratings")
            #expect(try await notes(try Browser(app), on: videoID).isEmpty)
            // A third practice's clinician: shown.
            let shown = try await api(raterB, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": true])
            #expect(shown.status == .ok && shown.json["status"] as? String == "shown", "\(shown.text)")
            #expect(shown.json["helpful_count"] as? Int == 3)
            let page = try await Browser(app).get("/v/\(videoID)").text
            #expect(page.contains("An assessment looks at a whole history") && page.contains("https://www.nice.org.uk/guidance/ng87"))
            #expect(page.contains("Adds context") && page.contains("Verified LMFT"))
            #expect(try await notifications(app, "notes_author").contains { $0.contains("it is shown to everyone") })
            #expect(try await raterA.get("/api/v1/review-notes").json["items"].map { ($0 as? [Any])?.count } == 0)

            // The creator replies once; the reply shows under the note, and the author is told.
            let replied = try await creator.submit("/review-notes/\(noteID)/reply", ["reply": "Thank you, I will pin a line about assessment."])
            #expect(replied.status == .seeOther)
            #expect(try await Browser(app).get("/v/\(videoID)").text.contains("I will pin a line about assessment."))
            #expect(try await notifications(app, "notes_author").contains { $0.contains("replied to your review note") })

            #expect(try await app.auditRows(.reviewNoteWrite).count == 1)
            #expect(try await app.auditRows(.reviewNoteRate).count == 3)
            #expect(try await app.auditRows(.reviewNoteReply).count == 1)

            // Deleting the video takes its notes and their ratings with it.
            let deleted = try await creatorClient.browser.send(
                .DELETE, "/api/v1/videos/\(videoID)", headers: ["Authorization": "Bearer \(creatorClient.token)"])
            #expect(deleted.status == .noContent)
            #expect(try await ReviewNote.query(on: app.db).count() == 0)
            #expect(try await ReviewNoteRating.query(on: app.db).count() == 0)
        }
    }

    @Test(
        "bad input: no citation, over 500 characters, a member writing, a second note, rating one's own note, a second reply, someone else replying"
    )
    func badInput() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "notes_bad_creator", count: 1)
            let videoID = ids[0]
            let desk = try await ModerationDeskTests().moderator(app, "notes_bad_desk")
            let author = try await clinician(app, "notes_bad_author", number: 6001, desk: desk)
            let member = try await app.signedUpBrowser(handle: "notes_bad_member")
            let creator = try await FollowsFixture.logIn(app, "notes_bad_creator")

            // No citation: the page says so beside the field and keeps what was typed.
            let noCitation = try await author.submit("/v/\(videoID)/review-notes", ["stance": "misleading", "body": Self.body, "citations": "  "])
            #expect(noCitation.status == .unprocessableEntity)
            #expect(noCitation.text.contains("id=\"note-citations-error\"") && noCitation.text.contains("at least one citation"))
            #expect(noCitation.text.contains(Self.body), "what was typed is lost")
            // Over 500 characters, through the API.
            let long = try await api(
                author, .POST, "/api/v1/videos/\(videoID)/review-notes",
                ["stance": "misleading", "body": String(repeating: "Signs are not a diagnosis. ", count: 20), "citations": [Self.citation]])
            #expect(long.status == .unprocessableEntity && long.problemFields == ["body"], "\(long.text)")
            #expect(long.text.contains("at most 500 characters"))
            #expect(try await ReviewNote.query(on: app.db).count() == 0, "nothing was saved")

            // A member who is not a verified clinician.
            let byMember = try await api(
                member, .POST, "/api/v1/videos/\(videoID)/review-notes", ["stance": "supports", "body": Self.body, "citations": [Self.citation]])
            #expect(byMember.status == .forbidden && byMember.text.contains("clinicians only"), "\(byMember.text)")
            #expect(
                try await member.submit("/v/\(videoID)/review-notes", ["stance": "supports", "body": Self.body, "citations": Self.citation]).status
                    == .forbidden)

            let written = try await api(
                author, .POST, "/api/v1/videos/\(videoID)/review-notes", ["stance": "misleading", "body": Self.body, "citations": [Self.citation]])
            #expect(written.status == .created, "\(written.text)")
            let noteID = try #require(written.json["id"] as? String)
            let again = try await api(
                author, .POST, "/api/v1/videos/\(videoID)/review-notes", ["stance": "supports", "body": Self.body, "citations": [Self.citation]])
            #expect(again.status == .conflict && again.text.contains("already wrote a note"))

            // Rating one's own note.
            let selfRated = try await api(author, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": true])
            #expect(selfRated.status == .unprocessableEntity && selfRated.text.contains("cannot rate your own note"), "\(selfRated.text)")
            #expect(try await ReviewNoteRating.query(on: app.db).count() == 0)
            // A member rating.
            #expect(try await api(member, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": true]).status == .forbidden)

            // Someone other than the creator replying: to a note they cannot see yet, there is no
            // such note; once a moderator approved it, it is not theirs to answer.
            #expect(try await api(member, .POST, "/api/v1/review-notes/\(noteID)/reply", ["reply": "Not my video."]).status == .notFound)
            #expect(try await desk.submit("/moderation/review-notes/\(noteID)/decision", ["decision": "approved"]).status == .seeOther)
            let notCreator = try await api(member, .POST, "/api/v1/review-notes/\(noteID)/reply", ["reply": "Not my video."])
            #expect(notCreator.status == .forbidden && notCreator.text.contains("Only the video's creator"), "\(notCreator.text)")
            #expect(try await api(creator, .POST, "/api/v1/review-notes/\(noteID)/reply", ["reply": "   "]).problemFields == ["reply"])
            #expect(try await api(creator, .POST, "/api/v1/review-notes/\(noteID)/reply", ["reply": "Fair point, thank you."]).status == .ok)
            let second = try await creator.submit("/review-notes/\(noteID)/reply", ["reply": "And another thing."])
            #expect(second.status == .unprocessableEntity && second.text.contains("already replied"), "the page says why")
            #expect(try await ReviewNote.find(UUID(uuidString: noteID), on: app.db)?.reply == "Fair point, thank you.")
        }
    }

    @Test("a clinician cannot write a note on their own video")
    func ownVideo() async throws {
        try await withTestApp { app in
            let desk = try await ModerationDeskTests().moderator(app, "notes_own_desk")
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "notes_own", count: 1)
            let clinician = try await FollowsFixture.logIn(app, "notes_own")
            #expect(try await LicenceTests.apply(clinician, LicenceTests.fields(app)).status == .seeOther)
            let licence = try #require(try await Licence.query(on: app.db).first()).requireID().uuidString.lowercased()
            #expect(try await desk.submit("/moderation/licences/\(licence)/decision", ["decision": "approve"]).status == .seeOther)
            let own = try await api(
                clinician, .POST, "/api/v1/videos/\(ids[0])/review-notes", ["stance": "supports", "body": Self.body, "citations": [Self.citation]])
            #expect(own.status == .unprocessableEntity && own.text.contains("your own video"), "\(own.text)")
            #expect(!(try await clinician.get("/v/\(ids[0])").text.contains("id=\"review-note-form\"")))
        }
    }

    @Test("a moderator's approval shows a note; two unhelpful ratings at least as many as the helpful ones hide it; removal needs a reason")
    func approvalAndHiding() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "notes_mod_creator", count: 1)
            let videoID = ids[0]
            let desk = try await ModerationDeskTests().moderator(app, "notes_mod_desk")
            let author = try await clinician(app, "notes_mod_author", number: 7001, desk: desk)
            let first = try await clinician(app, "notes_mod_first", number: 7002, desk: desk)
            let second = try await clinician(app, "notes_mod_second", number: 7003, desk: desk)
            let third = try await clinician(app, "notes_mod_third", number: 7004, desk: desk)
            let written = try await api(
                author, .POST, "/api/v1/videos/\(videoID)/review-notes", ["stance": "supports", "body": Self.body, "citations": [Self.citation]])
            let noteID = try #require(written.json["id"] as? String)

            let approved = try await desk.submit("/moderation/review-notes/\(noteID)/decision", ["decision": "approved", "reason": ""])
            #expect(approved.status == .seeOther)
            #expect(try await notes(try Browser(app), on: videoID).first?["status"] as? String == "shown")
            #expect(try await notifications(app, "notes_mod_author").contains { $0.contains("approved your review note") })

            // One unhelpful rating: still shown. Two, against none helpful: hidden from everyone.
            _ = try await api(first, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": false])
            #expect(try await notes(try Browser(app), on: videoID).count == 1)
            let hidden = try await api(second, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": false])
            #expect(hidden.json["status"] as? String == "hidden", "\(hidden.text)")
            #expect(try await notes(try Browser(app), on: videoID).isEmpty)
            #expect(!(try await Browser(app).get("/v/\(videoID)").text.contains(Self.body)))
            // Its author still sees it, and why.
            #expect(
                try await notes(author, on: videoID).first?["status_text"] as? String
                    == "Hidden: 2 clinicians rated it not helpful, at least as many as rated it helpful.")
            // A third rater changes the balance (2 unhelpful against 1 helpful: still hidden), then
            // the first changes their mind (1 against 2): shown again.
            _ = try await api(third, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": true])
            #expect(try await notes(try Browser(app), on: videoID).isEmpty)
            let changed = try await api(first, .PUT, "/api/v1/review-notes/\(noteID)/rating", ["helpful": true])
            #expect(changed.json["status"] as? String == "shown" && changed.json["unhelpful_count"] as? Int == 1)
            #expect(try await ReviewNoteRating.query(on: app.db).count() == 3, "a changed rating replaces the old one")

            // Removal needs a reason; then it is hidden whatever the ratings.
            let noReason = try await api(desk, .POST, "/api/v1/moderation/review-notes/\(noteID)/decision", ["decision": "removed", "reason": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.problemFields == ["reason"])
            let removed = try await api(
                desk, .POST, "/api/v1/moderation/review-notes/\(noteID)/decision", ["decision": "removed", "reason": "It names a real person's diagnosis."])
            #expect(removed.json["status"] as? String == "hidden")
            #expect(try await notes(try Browser(app), on: videoID).isEmpty)
            #expect(
                try await app.auditRows(.reviewNoteDecide).map(\.detail).sorted { ($0 ?? "") < ($1 ?? "") } == [
                    "approved", "removed: It names a real person's diagnosis.",
                ])
            // The author deletes it, with its ratings.
            #expect(try await api(author, .DELETE, "/api/v1/review-notes/\(noteID)").status == .noContent)
            #expect(try await ReviewNoteRating.query(on: app.db).count() == 0)
            #expect(try await ReviewNote.query(on: app.db).count() == 0)
        }
    }
}
