import Foundation
import MindreelCore
import Testing

@Suite("Review note rules")
struct ReviewNoteRulesTests {
    let author = UUID()
    let harbour = UUID()
    let north = UUID()
    let south = UUID()

    func rating(_ practices: Set<UUID>, helpful: Bool = true, rater: UUID = UUID()) -> ReviewNoteTally.Rating {
        .init(raterID: rater, raterPractices: practices, helpful: helpful)
    }

    @Test("two helpful ratings show a note only from clinicians sharing no practice with each other or with its author")
    func independence() {
        func status(_ ratings: [ReviewNoteTally.Rating]) -> ReviewNoteTally.Status {
            ReviewNoteTally(authorID: author, authorPractices: [harbour], ratings: ratings, moderatorDecision: nil).status
        }
        #expect(status([rating([north])]) == .needsRatings)
        #expect(status([rating([north]), rating([south])]) == .shown)
        #expect(status([rating([north]), rating([north])]) == .needsRatings, "one practice cannot lift a note alone")
        #expect(status([rating([harbour]), rating([north])]) == .needsRatings, "the author's colleagues do not count")
        #expect(status([rating([north, harbour]), rating([south])]) == .needsRatings)
        #expect(status([rating([]), rating([])]) == .shown, "clinicians in no practice share none")
        #expect(status([rating([north]), rating([harbour]), rating([north, south]), rating([south])]) == .shown)
        // The author's own rating never counts, whatever it says.
        #expect(status([rating([], rater: author), rating([north])]) == .needsRatings)
    }

    @Test("a note is hidden while its unhelpful ratings are at least two and at least its helpful ones, approved or not")
    func hiding() {
        func status(helpful: Int, unhelpful: Int, decision: ReviewNoteTally.ModeratorDecision? = .approved) -> ReviewNoteTally.Status {
            let ratings = (0..<helpful).map { _ in rating([UUID()]) } + (0..<unhelpful).map { _ in rating([UUID()], helpful: false) }
            return ReviewNoteTally(authorID: author, authorPractices: [], ratings: ratings, moderatorDecision: decision).status
        }
        #expect(status(helpful: 0, unhelpful: 1) == .shown)
        #expect(status(helpful: 0, unhelpful: 2) == .hidden)
        #expect(status(helpful: 2, unhelpful: 2) == .hidden)
        #expect(status(helpful: 3, unhelpful: 2) == .shown)
        #expect(status(helpful: 3, unhelpful: 2, decision: nil) == .shown)
        #expect(status(helpful: 1, unhelpful: 0, decision: nil) == .needsRatings)
        #expect(status(helpful: 5, unhelpful: 0, decision: .removed) == .hidden)
    }

    @Test("a note needs a stance, 20 to 500 characters and one to five citations; a reply 1 to 500 characters")
    func validation() {
        let good = "Most people notice some of these; an assessment looks at the whole picture."
        guard
            case .success(let draft) = ReviewNoteRules.validate(
                stance: "misleading", body: "  \(good)  ", citationLines: "DSM-5-TR\n\nhttps://www.nhs.uk/conditions/adhd-adults/")
        else {
            Issue.record("a good note was refused")
            return
        }
        #expect(draft.body == good && draft.citations.count == 2 && draft.stance == .misleading)
        func fields(_ stance: String?, _ body: String?, _ citations: String?) -> [String] {
            guard case .failure(let errors) = ReviewNoteRules.validate(stance: stance, body: body, citationLines: citations) else { return [] }
            return errors.items.map(\.field)
        }
        #expect(fields("misleading", good, "") == ["citations"])
        #expect(fields("misleading", good, "   \n ") == ["citations"])
        #expect(fields("misleading", good, "x") == ["citations"], "too short to be a citation")
        #expect(fields("misleading", String(repeating: "a", count: 501), "DSM-5-TR") == ["body"])
        #expect(fields("misleading", String(repeating: "é", count: 500), "DSM-5-TR") == [], "500 characters, however many bytes, is allowed")
        #expect(fields("misleading", "Too short.", "DSM-5-TR") == ["body"])
        #expect(fields("agree", good, "DSM-5-TR") == ["stance"])
        #expect(fields(nil, nil, nil) == ["stance", "body", "citations"])
        #expect(fields("supports", good, (1...6).map { "Reference number \($0)" }.joined(separator: "\n")) == ["citations"])
        guard case .failure = ReviewNoteRules.validateReply(" \n ") else { Issue.record("an empty reply was taken"); return }
        guard case .failure = ReviewNoteRules.validateReply(String(repeating: "b", count: 501)) else { Issue.record("a long reply was taken"); return }
        #expect((try? ReviewNoteRules.validateReply(" Thank you. ").get()) == "Thank you.")
    }
}
