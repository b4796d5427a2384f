import Foundation

/// A creator profile's free text: display name, bio and up to three links.
public enum ProfileRules {
    public static let maximumBioLength = 300
    public static let maximumLinks = 3
    public static let maximumDisplayNameLength = 50

    public struct Profile: Equatable, Sendable {
        public let displayName: String
        public let bio: String?
        public let links: [URL]
    }

    public static func validate(displayName: String, bio: String?, links: [String]) -> Result<Profile, FieldErrors> {
        var errors = FieldErrors()
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            errors.add("display_name", "Enter the name people see.")
        } else if name.count > maximumDisplayNameLength {
            errors.add("display_name", "A display name can be at most \(maximumDisplayNameLength) characters.")
        }
        let bioText = (bio ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if bioText.count > maximumBioLength {
            errors.add("bio", "A bio can be at most \(maximumBioLength) characters; this one has \(bioText.count).")
        }
        let entries = links.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var urls: [URL] = []
        if entries.count > maximumLinks {
            errors.add("links", "Add at most \(maximumLinks) links.")
        } else {
            for entry in entries {
                guard let url = URL(string: entry), url.scheme?.lowercased() == "https", let host = url.host, host.contains("."),
                    entry.count <= 300
                else {
                    errors.add("links", "'\(entry.prefix(60))' is not a web address starting with https://.")
                    break
                }
                urls.append(url)
            }
        }
        if !errors.isEmpty { return .failure(errors) }
        return .success(Profile(displayName: name, bio: bioText.isEmpty ? nil : bioText, links: urls))
    }

    /// What a link shows: its host and path, without the scheme or a trailing slash.
    public static func label(for url: URL) -> String {
        var text = (url.host ?? "") + url.path
        if text.hasSuffix("/") { text.removeLast() }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        return text
    }

    /// Up to two letters for an avatar without a picture.
    public static func initials(of displayName: String) -> String {
        let words = displayName.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let letters = words.prefix(2).compactMap(\.first).map { String($0).uppercased() }
        return letters.isEmpty ? "?" : letters.joined()
    }
}
