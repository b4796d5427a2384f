import MindreelCore
import Vapor

/// One region's crisis resources as sentences with links, for the footer of every page, the
/// feed's first-visit introduction and the "find a professional" page: "988 Suicide & Crisis
/// Lifeline: call or text 988, or chat online. In immediate danger, call 911." Made from the
/// admins' list, so that changing a number changes it everywhere.
struct CrisisLines: Encodable, Sendable {
    /// A piece of text, or a link when `href` is set.
    struct Piece: Encodable, Sendable, Equatable {
        let text: String
        let href: String?

        static func plain(_ text: String) -> Piece { Piece(text: text, href: nil) }
    }

    let region: String
    let regionName: String
    /// True when the region has no lines of its own and only the "elsewhere" entry shows.
    let fallback: Bool
    /// The lines to talk to, as one sentence each.
    let lines: [[Piece]]
    /// "In immediate danger, call 911."
    let emergency: [Piece]

    init(_ listing: CrisisResourceBook.Listing) {
        region = listing.region
        regionName = listing.regionName
        fallback = listing.fallback
        lines = listing.lines.map(Self.sentence)
        emergency = Self.emergency(listing.emergencies)
    }

    /// "Samaritans: call 116 123." "Crisis Text Line: text HOME to 741741."
    static func sentence(_ resource: CrisisResourceDraft) -> [Piece] {
        var ways: [[Piece]] = []
        if let call = resource.call, call == resource.text {
            ways.append([.plain("call or text "), Piece(text: call, href: CrisisResourceRules.callLink(call))])
        } else {
            if let call = resource.call { ways.append([.plain("call "), Piece(text: call, href: CrisisResourceRules.callLink(call))]) }
            if let text = resource.text {
                let link = CrisisResourceRules.textLink(text, keyword: resource.textKeyword)
                if let keyword = resource.textKeyword {
                    ways.append([.plain("text \(keyword) to "), Piece(text: text, href: link)])
                } else {
                    ways.append([.plain("text "), Piece(text: text, href: link)])
                }
            }
        }
        if let chat = resource.chatURL { ways.append([Piece(text: "chat online", href: chat)]) }
        var pieces: [Piece] = [.plain(resource.name + (ways.isEmpty ? "" : ": "))]
        for (index, way) in ways.enumerated() {
            if index > 0 { pieces.append(.plain(index == ways.count - 1 ? ", or " : ", ")) }
            pieces += way
        }
        if ways.isEmpty, let note = resource.note { pieces = [.plain(resource.name + ": " + note)] }
        pieces.append(.plain("."))
        return merged(pieces)
    }

    /// "In immediate danger, call 112 or 999." An entry without a number says its note.
    static func emergency(_ resources: [CrisisResourceDraft]) -> [Piece] {
        let numbers = resources.compactMap(\.call)
        if numbers.isEmpty {
            guard let note = resources.compactMap(\.note).first else { return [] }
            return [.plain("In immediate danger: " + note.prefix(1).lowercased() + note.dropFirst())]
        }
        var pieces: [Piece] = [.plain("In immediate danger, call ")]
        for (index, number) in numbers.enumerated() {
            if index > 0 { pieces.append(.plain(index == numbers.count - 1 ? " or " : ", ")) }
            pieces.append(Piece(text: number, href: CrisisResourceRules.callLink(number)))
        }
        pieces.append(.plain("."))
        return merged(pieces)
    }

    /// Neighbouring plain pieces as one.
    private static func merged(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        for piece in pieces {
            if piece.href == nil, let last = out.last, last.href == nil {
                out[out.count - 1] = .plain(last.text + piece.text)
            } else {
                out.append(piece)
            }
        }
        return out
    }
}

extension Request {
    /// The crisis lines for this request's region.
    var crisisLines: CrisisLines {
        CrisisLines(mindreel.crisisResources.listing(for: CrisisRegionChoice.region(for: self)))
    }
}
