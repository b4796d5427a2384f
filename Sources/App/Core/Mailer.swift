import Foundation

/// A mail to one person. Plain text only: no tracking pixels, no remote images.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sends mail. Development writes files; a real SMTP sender comes later.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}
