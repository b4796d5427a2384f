import Fluent
import Foundation
import Vapor

/// One page of a list ordered by a time column and then the id, continued by an opaque cursor
/// (`FeedCursor`: the time and id of the last row given). Stable under inserts, unlike offsets.
struct CursorPage<Row: Model> where Row.IDValue == UUID {
    let rows: [Row]
    let nextCursor: String?
}

extension QueryBuilder where Model.IDValue == UUID {
    /// Runs one page: `limit + 1` rows tell whether there is another. `time` names the column,
    /// `timeOf` reads it from a row; newest first unless `ascending`.
    func cursorPage(
        _ req: Request, limit: Int, time: FieldKey = "created_at", ascending: Bool = false, timeOf: (Model) -> Date?
    ) async throws -> CursorPage<Model> {
        var query = self
        if let cursor = try CursorPageParameters.cursor(req) {
            let past: DatabaseQuery.Filter.Method = ascending ? .greaterThan : .lessThan
            query = query.group(.or) { group in
                group.filter(time, past, cursor.readyAt)
                group.group(.and) { same in same.filter(time, .equal, cursor.readyAt).filter(.id, past, cursor.id) }
            }
        }
        let direction: DatabaseQuery.Sort.Direction = ascending ? .ascending : .descending
        let rows = try await query.sort(time, direction).sort(.id, direction).limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        var next: String?
        if rows.count > limit, let last = page.last, let lastTime = timeOf(last) {
            next = FeedCursor(readyAt: lastTime, id: try last.requireID()).encoded
        }
        return CursorPage(rows: page, nextCursor: next)
    }
}

enum CursorPageParameters {
    /// The `cursor` query parameter, or a 400 naming it when it is not one this server made.
    static func cursor(_ req: Request) throws -> FeedCursor? {
        guard let text = req.query[String.self, at: "cursor"] else { return nil }
        guard let cursor = FeedCursor(encoded: text) else {
            throw HTTPProblem(.badRequest, field: "cursor", detail: "This cursor is not one this list gave out.")
        }
        return cursor
    }
}
