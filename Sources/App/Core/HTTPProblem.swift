import MindreelCore
import Vapor

/// An error that becomes an RFC 9457 problem (for the API) or the error page (for the web).
struct HTTPProblem: Error, Sendable {
    var status: HTTPResponseStatus
    var detail: String
    var fieldErrors: FieldErrors
    var headers: HTTPHeaders

    init(_ status: HTTPResponseStatus, detail: String, fieldErrors: FieldErrors = FieldErrors(), headers: HTTPHeaders = [:]) {
        self.status = status
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    init(_ status: HTTPResponseStatus, field: String, detail: String, headers: HTTPHeaders = [:]) {
        self.init(status, detail: detail, fieldErrors: FieldErrors(field, detail), headers: headers)
    }
}

/// The JSON body of a problem response.
struct ProblemDocument: Content {
    struct FieldProblem: Content {
        let field: String
        let detail: String
    }

    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String?
    let requestId: String?
    let errors: [FieldProblem]?

    static let mediaType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}
