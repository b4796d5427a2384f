import Foundation

/// Writes each message as an RFC 5322 `.eml` file under the data directory's `outbox/`, so a
/// developer (or a test) can open the mail a person would have received.
public struct OutboxMailer: Mailer {
    public let directory: String
    public let from: String
    public let now: @Sendable () -> Date

    public init(directory: String, from: String = "Mindreel <no-reply@mindreel.invalid>", now: @escaping @Sendable () -> Date = Date.init) {
        self.directory = directory
        self.from = from
        self.now = now
    }

    public func send(_ message: MailMessage) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let date = now()
        let id = UUID().uuidString.lowercased()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headerSafe: (String) -> String = { $0.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        let text = [
            "From: \(from)",
            "To: \(headerSafe(message.to))",
            "Subject: \(headerSafe(message.subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id)@mindreel.invalid>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n"),
        ].joined(separator: "\r\n")
        // Sortable by time, unique by id; written whole through a temporary name so a reader
        // never sees half a message.
        let stamp = String(format: "%.6f", date.timeIntervalSince1970)
        let final = "\(directory)/\(stamp)-\(id).eml"
        let temporary = final + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.moveItem(atPath: temporary, toPath: final)
    }
}
