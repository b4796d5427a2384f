import Foundation
import MindreelCore
import Testing

/// The crisis-language classifier (issue 15, in progress): behaviour on plain cases, and the
/// labelled splits' shape. Its figures on the test split are not yet at the targets, so
/// the test that holds them lands with the rules that reach them.
@Suite("Crisis language")
struct CrisisLanguageTests {
    func level(_ text: String) -> CrisisLevel { CrisisLanguage.classify(text).level }

    @Test("a current wish to be dead is concern; with a plan, means, a timeline or a goodbye it is urgent")
    func levels() {
        #expect(level("i want to die") == .concern)
        #expect(level("i just want to disappear forever") == .concern)
        #expect(level("i want to die tonight, i have the pills") == .urgent)
        #expect(level("this is my last post. thank you for everything") == .urgent)
        #expect(level("im going to kill myself") == .urgent)
        #expect(level("the urge to self harm is so loud tonight") == .concern)
    }

    @Test("coded words count; negation, the past and other people's experience lower the level")
    func context() {
        #expect(level("honestly thinking about kms") >= .concern)
        #expect(level("i'm not suicidal, just exhausted") == .none)
        #expect(level("i used to want to die every day, therapy helped") == .none)
        #expect(level("this workout killed me") == .none)
        #expect(level("you're killing it, queen") == .none)
        #expect(level("i'd die for this pizza") == .none)
    }

    @Test("means: a method named in a risk statement, or a method asked about")
    func means() {
        let asked = CrisisLanguage.classify("painless way to die")
        #expect(asked.means && asked.level == .urgent && !asked.reasons.isEmpty)
        #expect(CrisisLanguage.classify("i have the pills saved up and i want to die").means)
        #expect(!CrisisLanguage.classify("my phone is dying, jumping on the train home").means)
    }

    static func split(_ name: String) throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Classifiers/crisis/\(name).jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("the labelled set: at least 200 positives and 400 hard negatives, every example labelled, the splits disjoint")
    func dataset() throws {
        let train = try Self.split("train")
        let test = try Self.split("test")
        let all = train + test
        #expect(all.filter { $0["level"] as? String != "none" }.count >= 200)
        #expect(all.filter { $0["level"] as? String == "none" }.count >= 400)
        for example in all {
            #expect(["none", "concern", "urgent"].contains(example["level"] as? String ?? ""))
            #expect(example["means"] is Bool && !(example["text"] as? String ?? "").isEmpty)
        }
        let trainTexts = Set(train.compactMap { $0["text"] as? String })
        #expect(test.allSatisfy { !trainTexts.contains($0["text"] as? String ?? "") }, "a test example is in the training split")
        #expect(Set(all.compactMap { $0["id"] as? String }).count == all.count)
    }
}
