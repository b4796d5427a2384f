/// When to stop accepting log-in attempts.
///
/// Two counters, both over a sliding window: failures against one account (from anywhere, so
/// rotating addresses does not help an attacker), and the number of *different* accounts one
/// client address failed against (password spraying). Counting distinct accounts per address
/// means one member mistyping their own password never locks out anyone else on the same
/// network.
public struct LoginThrottle: Sendable {
    public var window: Duration = .seconds(15 * 60)
    public var maxFailuresPerAccount = 10
    public var maxAccountsPerAddress = 20

    public init() {}

    public enum Decision: Sendable, Equatable {
        case allow
        /// Refuse, and say how many seconds until the oldest counted failure leaves the window.
        case refuse(retryAfterSeconds: Int)
    }

    /// A failed attempt as stored: when, against which account key, from which address.
    public struct Failure: Sendable {
        public let secondsAgo: Double
        public let accountKey: String
        public let addressKey: String?

        public init(secondsAgo: Double, accountKey: String, addressKey: String?) {
            self.secondsAgo = secondsAgo
            self.accountKey = accountKey
            self.addressKey = addressKey
        }
    }

    var windowSeconds: Double { Double(window.components.seconds) }

    /// Decides from the recent failures for this account and from this address.
    public func decide(accountKey: String, addressKey: String?, recentFailures: [Failure]) -> Decision {
        let inWindow = recentFailures.filter { $0.secondsAgo < windowSeconds }
        let forAccount = inWindow.filter { $0.accountKey == accountKey }
        if forAccount.count >= maxFailuresPerAccount {
            return .refuse(retryAfterSeconds: retryAfter(forAccount, keeping: maxFailuresPerAccount - 1))
        }
        if let addressKey {
            let fromAddress = inWindow.filter { $0.addressKey == addressKey }
            let accounts = Set(fromAddress.map(\.accountKey))
            if accounts.count >= maxAccountsPerAddress {
                // Approximate: the wait until the oldest failure from this address leaves.
                return .refuse(retryAfterSeconds: retryAfter(fromAddress, keeping: fromAddress.count - 1))
            }
        }
        return .allow
    }

    /// Seconds until enough failures age out of the window for one more attempt.
    func retryAfter(_ failures: [Failure], keeping allowed: Int) -> Int {
        let newestFirst = failures.sorted { $0.secondsAgo < $1.secondsAgo }
        let index = min(allowed, newestFirst.count - 1)
        let leaving = newestFirst[index]
        return max(1, Int((windowSeconds - leaving.secondsAgo).rounded(.up)))
    }
}
