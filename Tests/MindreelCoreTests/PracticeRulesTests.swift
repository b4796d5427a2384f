import MindreelCore
import Testing

@Suite("Practices: details and who can be a member")
struct PracticeRulesTests {
    @Test("codes are read as people write them and shown by name; made-up codes are not codes")
    func jurisdictions() {
        #expect(Jurisdictions.normalise(" us-ca ") == "US-CA")
        #expect(Jurisdictions.name(of: "US-CA") == "California, United States")
        #expect(Jurisdictions.name(of: "IE") == "Ireland")
        #expect(Jurisdictions.name(of: "GB-SCT") == "Scotland, United Kingdom")
        for nonsense in ["XX", "US-ZZ", "California", "", "US-", "IE-D"] {
            #expect(Jurisdictions.normalise(nonsense) == nil, "\(nonsense)")
        }
        #expect(Jurisdictions.all.count > 300)
    }

    @Test("a practice needs a name, an http(s) website and at least one known place; every problem is named at once")
    func details() throws {
        let good = try PracticeRules.validate(
            name: "  Harbour   Counselling ", description: "Talk therapy for adults.", website: "https://harbour.example.org",
            jurisdictions: ["us-ca", "US-CA", "IE"]
        ).get()
        #expect(good.name == "Harbour Counselling" && good.jurisdictions == ["US-CA", "IE"])

        guard
            case .failure(let errors) = PracticeRules.validate(
                name: "", description: String(repeating: "a", count: 501), website: "ftp://x.org", jurisdictions: ["XX", "IE"])
        else {
            Issue.record("bad details were accepted")
            return
        }
        #expect(errors["name"] == "Enter the practice's name.")
        #expect(errors["description"]?.contains("at most 500") == true)
        #expect(errors["website"]?.contains("http:// or https://") == true)
        #expect(errors["jurisdictions"]?.contains("XX") == true)

        guard case .failure(let none) = PracticeRules.validate(name: "Harbour", description: nil, website: "https://h.example", jurisdictions: [])
        else {
            Issue.record("a practice serving nowhere was accepted")
            return
        }
        #expect(none["jurisdictions"]?.contains("at least one") == true)
        for address in ["javascript:alert(1)", "https://", "harbour.example.org", "http://nodot"] {
            #expect(!PracticeRules.isWebAddress(address), "\(address)")
        }
    }

    @Test("a clinician belongs to one practice; a coordinator needs the coordinator role; nobody is added twice")
    func membership() {
        #expect(
            PracticeRules.membershipProblem(.clinician, accountRoles: [.member], clinicianElsewhere: true, alreadyInRole: false)?.contains("one practice")
                == true)
        #expect(PracticeRules.membershipProblem(.clinician, accountRoles: [.member], clinicianElsewhere: false, alreadyInRole: false) == nil)
        #expect(
            PracticeRules.membershipProblem(.coordinator, accountRoles: [.member], clinicianElsewhere: false, alreadyInRole: false)?.contains(
                "coordinator role") == true)
        #expect(PracticeRules.membershipProblem(.coordinator, accountRoles: [.member, .coordinator], clinicianElsewhere: false, alreadyInRole: false) == nil)
        #expect(PracticeRules.membershipProblem(.practiceAdmin, accountRoles: [.member], clinicianElsewhere: true, alreadyInRole: false) == nil)
        #expect(
            PracticeRules.membershipProblem(.practiceAdmin, accountRoles: [.member], clinicianElsewhere: false, alreadyInRole: true)?.contains("already")
                == true)
    }
}
