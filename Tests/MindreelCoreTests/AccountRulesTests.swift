import Testing

@testable import MindreelCore

@Suite("Account rules")
struct AccountRulesTests {
    let policy = PasswordPolicy(commonPasswords: ["password123", "qwertyuiop", "iloveyou12"])

    @Test("handles are lower-cased and limited to a–z, digits and _")
    func handles() throws {
        #expect(try Handle(validating: "  Calm_River ").value == "calm_river")
        for bad in ["", "ab", String(repeating: "a", count: 31), "with space", "émile", "<script>", "admin"] {
            #expect(throws: FieldErrors.self, "\(bad)") { try Handle(validating: bad) }
        }
    }

    @Test("email addresses: plausible shapes pass, typing mistakes do not")
    func emails() throws {
        #expect(try EmailAddress(validating: " Sam.Lee@Example.ORG ").value == "sam.lee@example.org")
        for bad in ["", "no-at-sign", "a@b", "two@@example.org", "a b@example.org", ".dot@example.org", "x@-bad.org", "x@exa_mple.org", "<x>@example.org"] {
            #expect(throws: FieldErrors.self, "\(bad)") { try EmailAddress(validating: bad) }
        }
    }

    @Test("passwords: length, the common list (any case), and not the handle")
    func passwords() throws {
        try policy.check("sunlit-harbour-77")
        let cases: [(String, String?)] = [
            ("short", nil), ("PassWord123", nil), ("qwertyuiop", nil), ("aaaaaaaaaaaa", nil),
            ("calm_river-2024", "calm_river"), (String(repeating: "é", count: 40), nil),
        ]
        for (password, handle) in cases {
            #expect(throws: FieldErrors.self, "\(password)") { try policy.check(password, handle: handle) }
        }
    }

    @Test("the common-password list format: comments and blank lines are skipped")
    func parseList() {
        #expect(PasswordPolicy.parseList("# header\n\nPassword\n123456\n") == ["password", "123456"])
    }

    @Test("age: under 13 refused, 13 to 17 a minor, 18 and up an adult")
    func ages() throws {
        #expect(throws: FieldErrors.self) { try AgePolicy.check(birthYear: 2014, currentYear: 2026) }
        #expect(try AgePolicy.check(birthYear: 2013, currentYear: 2026).isMinor)
        #expect(try AgePolicy.check(birthYear: 2009, currentYear: 2026).isMinor)
        #expect(try !AgePolicy.check(birthYear: 2008, currentYear: 2026).isMinor)
        #expect(throws: FieldErrors.self) { try AgePolicy.check(birthYear: 2030, currentYear: 2026) }
        #expect(throws: FieldErrors.self) { try AgePolicy.check(birthYear: 1850, currentYear: 2026) }
        #expect(throws: FieldErrors.self) { try AgePolicy.check(birthYear: nil, currentYear: 2026) }
    }

    @Test("sign-up reports every problem at once, by field")
    func signUpAllErrors() {
        let input = SignUp.Input(handle: "x", displayName: "", email: "nope", password: "short", birthYear: 2020)
        #expect {
            try SignUp.validate(input, currentYear: 2026, policy: policy)
        } throws: { error in
            (error as? FieldErrors)?.items.map(\.field) == ["handle", "display_name", "email", "password", "birth_year"]
        }
    }

    @Test("the clinician role cannot be granted by an operator")
    func roles() {
        #expect(!Role.clinician.isGrantableByOperator)
        #expect(Role.admin.isGrantableByOperator)
        #expect(Role.admin > Role.member)
    }
}

@Suite("Log-in throttle")
struct LoginThrottleTests {
    let rule = LoginThrottle()

    func failures(_ count: Int, account: String, address: String?, startingSecondsAgo: Double = 60) -> [LoginThrottle.Failure] {
        (0..<count).map { LoginThrottle.Failure(secondsAgo: startingSecondsAgo + Double($0), accountKey: account, addressKey: address) }
    }

    @Test("nine failures allow a tenth try; ten refuse, from any address")
    func perAccount() {
        #expect(rule.decide(accountKey: "a", addressKey: "x", recentFailures: failures(9, account: "a", address: "y")) == .allow)
        let decision = rule.decide(accountKey: "a", addressKey: "z", recentFailures: failures(10, account: "a", address: "y"))
        guard case .refuse(let seconds) = decision else {
            Issue.record("expected a refusal, got \(decision)")
            return
        }
        // The oldest of the ten (69 s ago) leaves the 15-minute window in 831 s.
        #expect(seconds == 15 * 60 - 69)
    }

    @Test("failures older than the window do not count")
    func window() {
        #expect(rule.decide(accountKey: "a", addressKey: nil, recentFailures: failures(10, account: "a", address: nil, startingSecondsAgo: 901)) == .allow)
    }

    @Test("one member's failures never lock out another account on the same address")
    func neighbours() {
        #expect(rule.decide(accountKey: "b", addressKey: "x", recentFailures: failures(50, account: "a", address: "x")) == .allow)
    }

    @Test("an address failing across many accounts is refused")
    func spraying() {
        let spray = (0..<rule.maxAccountsPerAddress).map { LoginThrottle.Failure(secondsAgo: 10, accountKey: "acct\($0)", addressKey: "x") }
        if case .allow = rule.decide(accountKey: "victim", addressKey: "x", recentFailures: spray) {
            Issue.record("spraying address was allowed")
        }
        #expect(rule.decide(accountKey: "victim", addressKey: "other", recentFailures: spray) == .allow)
    }
}
