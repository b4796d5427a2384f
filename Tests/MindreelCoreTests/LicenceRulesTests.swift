import MindreelCore
import Testing

@Suite("Licences: applications, expiry notices and claims of a licence")
struct LicenceRulesTests {
    let today = CalendarDay("2026-12-07")!

    @Test("an application needs every field, a future (or today's) expiry and an http(s) board link; every problem is named at once")
    func applications() throws {
        let good = try LicenceRules.validate(
            legalName: "  Ana   María Quintero ", type: "LMFT", otherType: "ignored", number: " 118203 ", jurisdiction: "us-ca",
            expiresOn: "2026-12-07", boardURL: "https://search.dca.ca.gov", today: today
        ).get()
        #expect(good.legalName == "Ana María Quintero" && good.type == .lmft && good.otherType == nil)
        #expect(good.number == "118203" && good.jurisdiction == "US-CA" && good.expiresOn == today)
        #expect(good.typeLabel == "LMFT")
        let other = try LicenceRules.validate(
            legalName: "Jo Peer", type: "other", otherType: "Registered Psychotherapist", number: "RP-1", jurisdiction: "CA-ON",
            expiresOn: "2028-01-31", boardURL: "http://crpo.ca", today: today
        ).get()
        #expect(other.typeLabel == "Registered Psychotherapist")

        guard
            case .failure(let errors) = LicenceRules.validate(
                legalName: "", type: "wizard", otherType: nil, number: "  ", jurisdiction: "", expiresOn: "2026-12-06",
                boardURL: "javascript:alert(1)", today: today)
        else {
            Issue.record("a bad application was accepted")
            return
        }
        #expect(errors.items.map(\.field) == ["legal_name", "licence_type", "licence_number", "jurisdiction", "expires_on", "board_url"])
        #expect(errors["expires_on"]?.contains("6 December 2026") == true)
        guard
            case .failure(let more) = LicenceRules.validate(
                legalName: "Sam", type: "other", otherType: "", number: "1", jurisdiction: "Narnia", expiresOn: "2027-02-30",
                boardURL: "board.example.org", today: today)
        else {
            Issue.record("a bad application was accepted")
            return
        }
        #expect(more.items.map(\.field) == ["other_type", "jurisdiction", "expires_on", "board_url"])
        #expect(more["jurisdiction"]?.contains("Narnia") == true)
    }

    @Test("evidence is known by its first bytes, not its name")
    func evidence() {
        #expect(EvidenceKind.sniff(Array("%PDF-1.4\n".utf8)) == .pdf)
        #expect(EvidenceKind.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(EvidenceKind.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(EvidenceKind.sniff(Array("licence.pdf is really text".utf8)) == nil)
        #expect(EvidenceKind.sniff([]) == nil)
    }

    @Test("notices go 60 and 30 days before expiry and on the day, each once; a renewal opens 60 days before")
    func notices() {
        let expiry = CalendarDay("2027-03-01")!
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: -61), alreadySent: []) == nil)
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: -60), alreadySent: []) == 60)
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: -45), alreadySent: [60]) == nil)
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: -30), alreadySent: [60]) == 30)
        // A server that was down across two thresholds sends the later one only.
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: -10), alreadySent: []) == 30)
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry, alreadySent: [60, 30]) == 0)
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: 3), alreadySent: [60]) == 0)
        #expect(LicenceRules.noticeDue(expiresOn: expiry, today: expiry.adding(days: 3), alreadySent: [60, 30, 0]) == nil)
        #expect(!LicenceRules.renewalIsOpen(expiresOn: expiry, today: expiry.adding(days: -61)))
        #expect(LicenceRules.renewalIsOpen(expiresOn: expiry, today: expiry.adding(days: -60)))
        #expect(expiry.end.timeIntervalSince(expiry.start) == 86400)
        #expect(CalendarDay(of: expiry.end) == CalendarDay("2027-03-02"))
        #expect(expiry.monthAndYear == "March 2027")
    }

    @Test(
        "a handle, display name or bio that claims a licence is found; someone else's professional is not",
        arguments: [
            ("", "Sam Rivera, LMFT", "", true),
            ("", "Dr. Rivera", "", true),
            ("dr_rivera", "Sam", "", true),
            ("therapist_sam", "Sam", "", true),
            ("", "Sam", "I'm a therapist helping you with anxiety.", true),
            ("", "Sam", "Licensed therapist in Ohio", true),
            ("", "Sam", "Trauma therapist | EMDR | she/her", true),
            ("", "Sam", "Psychologist. Mum of two.", true),
            ("", "Jane Doe, MD", "", true),
            ("", "Sam", "LPC-A sharing what I learn (LPCC)", true),
            ("", "Sam", "My therapist taught me box breathing.", false),
            ("", "Sam", "Not a therapist, just sharing what helps me.", false),
            ("", "Sam", "Please see a psychiatrist if your meds feel wrong.", false),
            ("", "Sam", "Talk to a therapist before changing anything.", false),
            ("", "Sam", "Going to therapy every week; my psychologist is great.", false),
            ("", "Sam", "Living in MD, writing about grief", false),
            ("", "Maya Laughs", "Drawing comics about my OCD.", false),
            ("sam_lives_it", "Sam", "Bipolar II, 8 years in recovery.", false),
        ])
    func claims(handle: String, displayName: String, bio: String, claims: Bool) {
        let found = CredentialClaims.find(handle: handle, displayName: displayName, bio: bio)
        #expect(!found.isEmpty == claims, "\(handle) / \(displayName) / \(bio): \(found)")
    }
}

@Suite("Sources of clinical claims")
struct ClaimSourcesTests {
    @Test("one source a line: a link with its title, a bare link, or a citation")
    func lines() {
        let parsed = ClaimSources.parse(
            lines: "NICE guideline on insomnia — https://www.nice.org.uk/guidance/ng215\n\n  https://example.org/study \nEdinger et al., 2021, J Clin Sleep Med"
        )
        #expect(
            parsed == [
                ClaimSource(title: "NICE guideline on insomnia", url: "https://www.nice.org.uk/guidance/ng215"),
                ClaimSource(title: "https://example.org/study", url: "https://example.org/study"),
                ClaimSource(title: "Edinger et al., 2021, J Clin Sleep Med", url: nil),
            ])
        #expect(
            parsed.map(ClaimSources.line) == [
                "NICE guideline on insomnia https://www.nice.org.uk/guidance/ng215", "https://example.org/study", "Edinger et al., 2021, J Clin Sleep Med",
            ])
    }

    @Test("a clinical claim needs a source; links must be http(s); other kinds may go without")
    func rules() throws {
        guard case .failure(let none) = ClaimSources.validate([], kind: .clinicalClaim) else {
            Issue.record("a clinical claim without a source was accepted")
            return
        }
        #expect(none["sources"]?.contains("at least one source") == true)
        guard case .failure(let bad) = ClaimSources.validate([ClaimSource(title: "Trust me", url: "javascript:alert(1)")], kind: .clinicalClaim) else {
            Issue.record("a javascript: link was accepted")
            return
        }
        #expect(bad["sources"]?.contains("not an http") == true)
        #expect(try ClaimSources.validate([], kind: .education).get().isEmpty)
        #expect(
            try ClaimSources.validate([ClaimSource(title: "  DSM-5-TR,   2022 ", url: nil)], kind: .clinicalClaim).get() == [
                ClaimSource(title: "DSM-5-TR, 2022", url: nil)
            ])
        let many = (0..<11).map { ClaimSource(title: "Study \($0)", url: nil) }
        guard case .failure = ClaimSources.validate(many, kind: .clinicalClaim) else {
            Issue.record("eleven sources were accepted")
            return
        }
    }
}
