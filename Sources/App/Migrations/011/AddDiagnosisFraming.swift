import Fluent

/// 011: the diagnosis-framing classifier's result on each video (flag, score, reasons) and when
/// it was worked out (existing videos have none until `FramingBackfill` classifies them), and a
/// moderator's override of the context panel.
struct AddDiagnosisFraming: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("videos").field("framing_flagged", .bool, .required, .sql(.default(false))).update()
        try await database.schema("videos").field("framing_score", .double, .required, .sql(.default(0))).update()
        // The reasons as a JSON array of sentences.
        try await database.schema("videos").field("framing_reasons", .string, .required, .sql(.default("[]"))).update()
        try await database.schema("videos").field("framing_checked_at", .datetime).update()
        // A moderator's hand on the panel, which wins over the classifier: added or removed, why,
        // and when the creator asked for that to be looked at again (once).
        try await database.schema("videos").field("context_override", .string).update()
        try await database.schema("videos").field("context_override_reason", .string).update()
        try await database.schema("videos").field("context_override_at", .datetime).update()
        try await database.schema("videos").field("context_review_requested_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        for field in [
            "context_review_requested_at", "context_override_at", "context_override_reason", "context_override", "framing_checked_at", "framing_reasons",
            "framing_score",
            "framing_flagged",
        ] {
            try await database.schema("videos").deleteField(.string(field)).update()
        }
    }
}
