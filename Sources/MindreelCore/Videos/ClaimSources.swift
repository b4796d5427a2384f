import Foundation

/// A source behind a video: a link with its title, or a citation (a title without a link).
public struct ClaimSource: Sendable, Equatable, Codable {
    public var title: String
    public var url: String?

    public init(title: String, url: String?) {
        self.title = title
        self.url = url
    }
}

/// The sources a `clinical_claim` video must give (at least one), and the one-per-line form
/// people type them in: "NICE guideline on insomnia https://www.nice.org.uk/…", a bare link,
/// or a citation ("Edinger et al., 2021, J Clin Sleep Med 17(2)").
public enum ClaimSources {
    public static let maximumCount = 10
    public static let maximumTitleLength = 300

    /// One source per non-empty line: the first http(s) address on the line is its link, the
    /// rest (without separators around it) its title; a bare link is its own title.
    public static func parse(lines text: String) -> [ClaimSource] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let index = words.firstIndex(where: { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("https://") }) else {
                return ClaimSource(title: line, url: nil)
            }
            let url = words[index].trimmingCharacters(in: CharacterSet(charactersIn: "<>()[],;"))
            var rest = words
            rest.remove(at: index)
            let title = rest.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " -–—:|·").union(.whitespaces))
            return ClaimSource(title: title.isEmpty ? url : title, url: url)
        }
    }

    /// The form's line for a source (the inverse of `parse`).
    public static func line(_ source: ClaimSource) -> String {
        guard let url = source.url else { return source.title }
        return source.title == url ? url : "\(source.title) \(url)"
    }

    /// The sources cleaned and checked, keyed `sources` on any problem. A clinical claim needs
    /// at least one; other kinds may give some.
    public static func validate(_ sources: [ClaimSource], kind: ContentKind) -> Result<[ClaimSource], FieldErrors> {
        var clean: [ClaimSource] = []
        for source in sources {
            let title = source.title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let url = source.url?.trimmingCharacters(in: .whitespaces)
            if title.isEmpty && (url ?? "").isEmpty { continue }
            if title.count > maximumTitleLength {
                return .failure(FieldErrors("sources", "A source's title can be at most \(maximumTitleLength) characters: “\(title.prefix(40))…”."))
            }
            if let url, !url.isEmpty, !PracticeRules.isWebAddress(url) {
                return .failure(FieldErrors("sources", "“\(url.prefix(60))” is not an http:// or https:// link. Give a link, or the citation without one."))
            }
            if title.count < 3 && (url ?? "").isEmpty {
                return .failure(FieldErrors("sources", "“\(title)” is too short to be a citation: name the study, guideline or book."))
            }
            clean.append(ClaimSource(title: title.isEmpty ? (url ?? "") : title, url: (url ?? "").isEmpty ? nil : url))
        }
        if clean.count > maximumCount {
            return .failure(FieldErrors("sources", "Give at most \(maximumCount) sources; this has \(clean.count)."))
        }
        if kind == .clinicalClaim && clean.isEmpty {
            return .failure(
                FieldErrors(
                    "sources",
                    "A clinical claim needs at least one source: a link with its title, or a citation (a study, a guideline, a textbook)."))
        }
        return .success(clean)
    }
}
