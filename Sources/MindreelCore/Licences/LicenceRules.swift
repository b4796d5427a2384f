import Foundation

/// The kinds of licence Mindreel verifies. `other` needs a description.
public enum LicenceType: String, Codable, CaseIterable, Sendable {
    case lmft
    case lcsw
    case lpc
    case lmhc
    case psychologist
    case psychiatrist
    case pmhnp
    case other

    /// As shown on the badge.
    public var label: String {
        switch self {
        case .lmft: return "LMFT"
        case .lcsw: return "LCSW"
        case .lpc: return "LPC/LPCC"
        case .lmhc: return "LMHC"
        case .psychologist: return "Psychologist (PhD/PsyD)"
        case .psychiatrist: return "Psychiatrist (MD/DO)"
        case .pmhnp: return "PMHNP"
        case .other: return "Other licence"
        }
    }

    /// In words, for the application form's list.
    public var longLabel: String {
        switch self {
        case .lmft: return "LMFT: Licensed Marriage and Family Therapist"
        case .lcsw: return "LCSW: Licensed Clinical Social Worker"
        case .lpc: return "LPC/LPCC: Licensed Professional (Clinical) Counselor"
        case .lmhc: return "LMHC: Licensed Mental Health Counselor"
        case .psychologist: return "Psychologist (PhD or PsyD)"
        case .psychiatrist: return "Psychiatrist (MD or DO)"
        case .pmhnp: return "PMHNP: Psychiatric-Mental Health Nurse Practitioner"
        case .other: return "Other (describe it)"
        }
    }
}

/// A licence application as entered, checked field by field.
public struct LicenceDetails: Sendable, Equatable {
    public var legalName: String
    public var type: LicenceType
    /// The description of an `other` licence; nil for the listed types.
    public var otherType: String?
    public var number: String
    /// An ISO 3166-2 or 3166-1 code, upper-case (`Jurisdictions`).
    public var jurisdiction: String
    /// The last day the licence is valid (UTC calendar day).
    public var expiresOn: CalendarDay
    public var boardURL: String

    public init(
        legalName: String, type: LicenceType, otherType: String?, number: String, jurisdiction: String, expiresOn: CalendarDay, boardURL: String
    ) {
        self.legalName = legalName
        self.type = type
        self.otherType = otherType
        self.number = number
        self.jurisdiction = jurisdiction
        self.expiresOn = expiresOn
        self.boardURL = boardURL
    }

    /// The badge's words for the type: the description of an `other` licence, else the label.
    public var typeLabel: String { type == .other ? (otherType ?? type.label) : type.label }
}

public enum LicenceRules {
    public static let maximumEvidenceBytes = 10 * 1024 * 1024
    public static let maximumNameLength = 120
    public static let maximumNumberLength = 40
    /// Notices before expiry, in days; and on the day (0).
    public static let noticeDays = [60, 30, 0]
    /// A renewal may be submitted from this many days before expiry.
    public static let renewalWindowDays = 60

    /// Every problem at once, keyed by field (`legal_name`, `licence_type`, `other_type`,
    /// `licence_number`, `jurisdiction`, `expires_on`, `board_url`). `today` is the UTC day now:
    /// a licence that expires today is still valid today, so the earliest allowed expiry is today.
    public static func validate(
        legalName: String?, type rawType: String?, otherType: String?, number: String?, jurisdiction: String?, expiresOn: String?,
        boardURL: String?, today: CalendarDay
    ) -> Result<LicenceDetails, FieldErrors> {
        var errors = FieldErrors()
        let name = squeeze(legalName)
        if name.count < 2 {
            errors.add("legal_name", "Enter your legal name as it appears on the licence.")
        } else if name.count > maximumNameLength {
            errors.add("legal_name", "The legal name can be at most \(maximumNameLength) characters.")
        }
        let type = LicenceType(rawValue: (rawType ?? "").trimmingCharacters(in: .whitespaces).lowercased())
        let other = squeeze(otherType)
        if type == nil {
            errors.add("licence_type", "Choose the kind of licence.")
        } else if type == .other && other.count < 3 {
            errors.add("other_type", "Describe the licence, as the board names it (for example “Registered Psychotherapist”).")
        } else if other.count > 80 {
            errors.add("other_type", "The description can be at most 80 characters.")
        }
        let cleanNumber = (number ?? "").trimmingCharacters(in: .whitespaces)
        if cleanNumber.isEmpty {
            errors.add("licence_number", "Enter the licence number, as the board shows it.")
        } else if cleanNumber.count > maximumNumberLength || cleanNumber.contains(where: \.isNewline) {
            errors.add("licence_number", "A licence number can be at most \(maximumNumberLength) characters on one line.")
        }
        let rawJurisdiction = (jurisdiction ?? "").trimmingCharacters(in: .whitespaces)
        let code = Jurisdictions.normalise(rawJurisdiction)
        if rawJurisdiction.isEmpty {
            errors.add("jurisdiction", "Enter where the licence was issued, as a code such as US-CA (California) or IE (Ireland).")
        } else if code == nil {
            errors.add("jurisdiction", "“\(rawJurisdiction)” is not a country or region code. Use ISO codes such as US-CA or IE.")
        }
        let rawExpiry = (expiresOn ?? "").trimmingCharacters(in: .whitespaces)
        let expiry = CalendarDay(rawExpiry)
        if rawExpiry.isEmpty {
            errors.add("expires_on", "Enter the date the licence expires.")
        } else if expiry == nil {
            errors.add("expires_on", "Enter the expiry date as a date, such as 2027-06-30.")
        } else if let expiry, expiry < today {
            errors.add("expires_on", "This licence expired on \(expiry.longText). Renew it with the board first, then apply with the new date.")
        }
        let board = (boardURL ?? "").trimmingCharacters(in: .whitespaces)
        if board.isEmpty {
            errors.add("board_url", "Enter the link to the board's public licence lookup, starting with https://.")
        } else if !PracticeRules.isWebAddress(board) {
            errors.add("board_url", "The board's lookup must be an http:// or https:// address, such as https://search.dca.ca.gov.")
        }
        guard errors.isEmpty, let type, let code, let expiry else { return .failure(errors) }
        return .success(
            LicenceDetails(
                legalName: name, type: type, otherType: type == .other ? other : nil, number: cleanNumber, jurisdiction: code,
                expiresOn: expiry, boardURL: board))
    }

    /// Whether a renewal may be submitted: from `renewalWindowDays` before expiry (and after it).
    public static func renewalIsOpen(expiresOn: CalendarDay, today: CalendarDay) -> Bool {
        today.daysUntil(expiresOn) <= renewalWindowDays
    }

    /// The notice due today for a licence, given the notices already sent (days before expiry):
    /// the most urgent threshold that has been reached and not yet sent. Crossing two at once
    /// (a server that was down) sends only the later one.
    public static func noticeDue(expiresOn: CalendarDay, today: CalendarDay, alreadySent: Set<Int>) -> Int? {
        let left = today.daysUntil(expiresOn)
        guard let threshold = noticeDays.filter({ left <= $0 }).min() else { return nil }
        if alreadySent.contains(where: { $0 <= threshold }) { return nil }
        return threshold
    }

    private static func squeeze(_ text: String?) -> String {
        (text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// What an evidence file is, by its first bytes (never by its name or declared type).
public enum EvidenceKind: String, Codable, Sendable {
    case pdf
    case jpeg
    case png

    public static func sniff(_ head: [UInt8]) -> EvidenceKind? {
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    public var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        }
    }

    public var fileExtension: String {
        switch self {
        case .pdf: return "pdf"
        case .jpeg: return "jpg"
        case .png: return "png"
        }
    }
}
