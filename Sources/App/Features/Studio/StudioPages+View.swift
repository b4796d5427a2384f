import Foundation
import MindreelCore

/// What the studio's Leaf templates are given: plain data, every label already worded.
enum StudioPages {
    /// `/studio`.
    struct IndexPage: Encodable {
        let layout: LayoutContext
        let totals: StudioNumbers.Totals
        let chart: Chart
        let videos: [VideoRow]
        let nextPageURL: String?
        let isLaterPage: Bool
        /// Moderation decisions about the creator's content, newest first.
        let decisions: [DecisionCard]
        let suspension: SuspensionNote?
    }

    /// `/studio/videos/{id}`.
    /// An appeal the server refused, shown beside its form with what was typed.
    struct AppealError: Encodable {
        let decisionId: String
        let message: String
        let note: String?
    }

    /// One decision in the studio, its dates in words, with a refused appeal's message and draft.
    struct DecisionCard: Encodable {
        let decision: CreatorDecisions.Row
        let decidedOn: String
        let suspendedUntil: String?
        let appealedOn: String?
        let appealError: String?
        let appealDraft: String?
        /// Where its section is on /guidelines.
        let guidelineURL: String?

        init(_ row: CreatorDecisions.Row, appealError: AppealError?) {
            decision = row
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_GB")
            day.timeZone = TimeZone(identifier: "UTC")
            day.dateFormat = "d MMMM yyyy"
            decidedOn = day.string(from: row.createdAt)
            suspendedUntil = row.suspendedUntil.map { AccessRefusal.dayAndTime.string(from: $0) + " UTC" }
            appealedOn = row.appealedAt.map(day.string(from:))
            let mine = appealError?.decisionId == row.id
            self.appealError = mine ? appealError?.message : nil
            appealDraft = mine ? appealError?.note : nil
            guidelineURL = row.guideline.flatMap(CommunityGuidelines.section(id:)).map { SiteURL.guidelines.path + "#section-\($0.number)" }
        }
    }

    /// The creator's suspension, while it lasts: why and until when.
    struct SuspensionNote: Encodable {
        let until: String?

        init?(_ user: User, now: Date) {
            guard let suspension = user.suspension, suspension.isActive(at: now) else { return nil }
            until = suspension.until.map { AccessRefusal.dayAndTime.string(from: $0) + " UTC" }
        }
    }

    struct VideoPage: Encodable {
        let layout: LayoutContext
        let video: VideoRow
        let chart: Chart
        let hashtags: [String]
        let topicNames: [String]
        let form: EditForm
        let errors: [String: String]
        let deleteError: String?
        /// The problems again, at the top of the page, each linking to its field: the page comes
        /// back scrolled to the top, far from the forms.
        let problems: [Problem]
        /// Whether the owner holds a verified licence (their clinical claims publish directly).
        let isVerified: Bool
        /// The video's sources as listed under it.
        let sources: [ClaimSource]
        /// The "not a diagnosis" note: shown or not, and why.
        let contextNote: ContextNote
    }

    struct ContextNote: Encodable {
        let state: String
        /// A moderator decided it (so a second look can be asked for).
        let byModerator: Bool
        let reviewRequested: Bool
    }

    struct Problem: Encodable {
        let message: String
        let target: String

        /// Where each form field's problem sends the reader.
        static let targets = [
            "caption": "caption", "topic_ids": "topics-field", "content_kind": "content-kind-field", "sources": "sources", "visibility": "visibility-field",
        ]

        static func list(_ errors: FieldErrors, deleteError: String?) -> [Problem] {
            // In the order of the form, whatever order the rules found them in.
            let order = ["caption", "topic_ids", "content_kind", "sources", "visibility"]
            let sorted = errors.items.sorted { (order.firstIndex(of: $0.field) ?? order.count) < (order.firstIndex(of: $1.field) ?? order.count) }
            return sorted.map { Problem(message: $0.message, target: targets[$0.field] ?? "edit-section") }
                + (deleteError.map { [Problem(message: $0, target: "confirm")] } ?? [])
        }
    }

    /// A video with its states and numbers, as a row of the list and the head of its page.
    struct VideoRow: Encodable {
        let id: String
        let title: String
        let caption: String
        let studioURL: String
        /// The video's own page, once it plays (its owner may open it in any publication state).
        let watchURL: String?
        let posterURL: String?
        let processingState: String
        /// "Ready", "Processing 42%", …
        let processingLabel: String
        let failureReason: String?
        let publicationState: String
        let publicationLabel: String
        let visibility: String
        let visibilityLabel: String
        let contentKindLabel: String
        let uploadedLabel: String
        let viewCount: Int
        let likeCount: Int
        let saveCount: Int
        let commentCount: Int
        /// "83%", or nil before anyone watched.
        let watchThrough: String?
        let watchEventCount: Int

        init(_ item: StudioAPI.VideoItem, video: Video) {
            self.id = item.video.id
            title = VideoPageController.title(for: video)
            caption = video.caption
            studioURL = item.studioUrl
            watchURL = video.processingState == .ready ? item.video.pageUrl : nil
            posterURL = item.video.posterUrl
            processingState = video.processingState.rawValue
            processingLabel =
                video.processingState == .transcoding
                ? "\(video.processingState.label) \(Int((video.progress * 100).rounded()))%" : video.processingState.label
            failureReason = video.processingState == .failed ? video.failureReason : nil
            publicationState = video.publicationState.rawValue
            publicationLabel = video.publicationState.label
            visibility = video.visibility.rawValue
            visibilityLabel = video.visibility.label
            contentKindLabel = video.contentKind.label
            uploadedLabel = ViewDay.longLabel(ViewDay.of(video.createdAt))
            viewCount = item.video.viewCount
            likeCount = item.video.likeCount
            saveCount = item.video.saveCount
            commentCount = item.video.commentCount
            watchThrough = WatchThrough.percent(item.watchThroughRate)
            watchEventCount = item.watchEventCount
        }
    }

    /// A views-per-day chart drawn twice (narrow for phones, wide for larger screens; CSS shows
    /// one) and the same numbers as a table.
    struct Chart: Encodable {
        struct Variant: Encodable {
            let name: String
            let layout: ViewsChart
        }

        struct Row: Encodable {
            let day: String
            let label: String
            let views: Int
        }

        let id: String
        let title: String
        let summary: String
        let caption: String
        let total: Int
        let variants: [Variant]
        let rows: [Row]

        init(id: String, title: String, points: [ViewsChart.Point]) {
            self.id = id
            self.title = title
            summary = ViewsChart.summary(points)
            let period = points.first.map { "\(ViewDay.longLabel($0.day)) to \(ViewDay.longLabel(points.last?.day ?? $0.day))" } ?? ""
            caption = "Views per day, \(period) (days in UTC)"
            total = points.reduce(0) { $0 + $1.views }
            variants = [
                Variant(name: "narrow", layout: ViewsChart.layout(points, width: 320, height: 210, fontSize: 13)),
                Variant(name: "wide", layout: ViewsChart.layout(points, width: 720, height: 240, fontSize: 13)),
            ]
            // Newest first, as a person scanning for "today" expects.
            rows = points.reversed().map { Row(day: $0.day, label: ViewDay.longLabel($0.day), views: $0.views) }
        }
    }

    /// The edit form's values and choices (what was sent, when re-shown after an error).
    struct EditForm: Encodable {
        struct Choice: Encodable {
            let value: String
            let label: String
            let hint: String?
            let checked: Bool
        }

        let caption: String
        let topics: [Choice]
        let kinds: [Choice]
        let visibilities: [Choice]
        /// The sources, one a line, as the textarea shows them.
        let sourcesText: String

        init(caption: String, topics: [Topic], checkedTopics: [String], kind: String?, visibility: String?, sourcesText: String) {
            self.caption = caption
            self.sourcesText = sourcesText
            let checked = Set(checkedTopics)
            self.topics = topics.map {
                let id = $0.id ?? ""
                return Choice(value: id, label: $0.name, hint: $0.retired ? "retired" : nil, checked: checked.contains(id))
            }
            kinds = ContentKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, hint: nil, checked: $0.rawValue == kind) }
            visibilities = Visibility.allCases.map { Choice(value: $0.rawValue, label: $0.label, hint: $0.hint, checked: $0.rawValue == visibility) }
        }
    }
}
