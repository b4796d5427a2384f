import Foundation
import Testing

@testable import MindreelCore

@Suite("Transparency report")
struct TransparencyReportTests {
    let december = Date(timeIntervalSince1970: 1_796_169_600)  // 2026-12-02 00:00 UTC
    let hour: TimeInterval = 3600

    @Test("counts each month's reports by reason, decisions by kind and guideline, appeals and reversals, newest month first")
    func counts() {
        let november = december.addingTimeInterval(-20 * 86400)
        let reports = [
            TransparencyReport.ReportFact(reason: .selfHarmRisk, at: december),
            .init(reason: .misinformation, at: december.addingTimeInterval(hour)),
            .init(reason: .misinformation, at: december.addingTimeInterval(2 * hour)),
            .init(reason: .spam, at: november),
        ]
        let decisions = [
            TransparencyReport.DecisionFact(
                action: .remove, guideline: "cures_and_treatments", decidedAt: december.addingTimeInterval(4 * hour), firstReportedAt: december,
                appealedAt: december.addingTimeInterval(5 * hour), reversedAt: december.addingTimeInterval(6 * hour)),
            .init(
                action: .dismiss, guideline: nil, decidedAt: december.addingTimeInterval(2 * hour), firstReportedAt: december, appealedAt: nil, reversedAt: nil),
            .init(action: .warn, guideline: "spam", decidedAt: november.addingTimeInterval(hour), firstReportedAt: november, appealedAt: nil, reversedAt: nil),
        ]
        let report = TransparencyReport(reports: reports, decisions: decisions)
        #expect(report.months.map(\.month) == ["2026-12", "2026-11"])
        let now = report.months[0]
        #expect(now.reportsTotal == 3)
        #expect(now.reportsByReason.first { $0.label == ReportReason.misinformation.label }?.count == 2)
        #expect(now.actionsByKind.map(\.label).sorted() == [ModerationAction.dismiss.label, ModerationAction.remove.label].sorted())
        #expect(now.actionsBySection.map(\.count) == [1], "a dismissal cites no section")
        #expect(now.appeals == 1 && now.reversals == 1)
        #expect(now.medianHoursToDecision == 3, "median of 4 h and 2 h")
        #expect(report.months[1].medianHoursToDecision == 1)
        #expect(TransparencyReport.monthName("2026-12") == "December 2026")
    }

    @Test("the median of an odd count is the middle value; of none, there is none")
    func median() {
        #expect(TransparencyReport.median([5, 1, 3]) == 3)
        #expect(TransparencyReport.median([]) == nil)
        #expect(TransparencyReport(reports: [], decisions: []).months.isEmpty)
    }

    @Test("waits are said in words with the right number: 1 minute, 1 hour, 3 hours, 2.5 days")
    func durationWords() {
        #expect(TransparencyReport.duration(hours: 0.001) == "1 minute")
        #expect(TransparencyReport.duration(hours: 0.5) == "30 minutes")
        #expect(TransparencyReport.duration(hours: 1) == "1 hour")
        #expect(TransparencyReport.duration(hours: 3.02) == "3 hours")
        #expect(TransparencyReport.duration(hours: 3.5) == "3.5 hours")
        #expect(TransparencyReport.duration(hours: 30) == "30 hours")
        #expect(TransparencyReport.duration(hours: 60) == "2.5 days")
        #expect(TransparencyReport.duration(hours: 24 * 7) == "7 days")
    }
}
