import Leaf
import MindreelCore
import Vapor

/// Turns every error into a response a person can act on: `application/problem+json` for the
/// API (naming the field to fix), the site's error page for browsers. Internal details are
/// logged, never shown.
struct ProblemErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let response = await Self.response(for: error, request: request)
            SecurityHeadersMiddleware.apply(to: response, request: request)
            return response
        }
    }

    struct Described {
        var status: HTTPResponseStatus
        var detail: String
        var fieldErrors: FieldErrors = FieldErrors()
        var headers: HTTPHeaders = [:]
    }

    static func describe(_ error: any Error, request: Request) -> Described {
        switch error {
        case let problem as HTTPProblem:
            return Described(status: problem.status, detail: problem.detail, fieldErrors: problem.fieldErrors, headers: problem.headers)
        case let fields as FieldErrors:
            let detail = fields.items.map { "\($0.field): \($0.message)" }.joined(separator: " ")
            return Described(status: .unprocessableEntity, detail: detail, fieldErrors: fields)
        case let decoding as DecodingError:
            return describe(decoding)
        case let abort as any AbortError:
            var described = Described(status: abort.status, detail: abort.reason, headers: abort.headers)
            switch abort.status {
            case .payloadTooLarge:
                described.detail = "The request body is too large."
                described.fieldErrors = FieldErrors("body", "The request body is too large.")
            case .notFound:
                described.detail = "There is nothing at this address."
            case .unsupportedMediaType:
                described.fieldErrors = FieldErrors("body", "Send JSON with 'Content-Type: application/json'.")
            default:
                break
            }
            return described
        default:
            request.logger.report(error: error)
            return Described(status: .internalServerError, detail: "Something went wrong on our side. Please try again in a moment.")
        }
    }

    static func describe(_ error: DecodingError) -> Described {
        func field(_ path: [any CodingKey]) -> String {
            let names = path.map { $0.intValue.map(String.init) ?? snakeCase($0.stringValue) }
            return names.isEmpty ? "body" : names.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let name = field(context.codingPath + [key])
            return Described(status: .unprocessableEntity, detail: "\(name) is required.", fieldErrors: FieldErrors(name, "This field is required."))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let name = field(context.codingPath)
            return Described(
                status: .unprocessableEntity, detail: "\(name) has the wrong type.", fieldErrors: FieldErrors(name, "This field has the wrong type."))
        case .dataCorrupted(let context):
            let name = field(context.codingPath)
            let message = name == "body" ? "The body is not valid JSON." : "This value is not valid."
            return Described(status: .badRequest, detail: message, fieldErrors: FieldErrors(name, message))
        @unknown default:
            return Described(status: .badRequest, detail: "The body could not be read.", fieldErrors: FieldErrors("body", "The body could not be read."))
        }
    }

    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty { result.append("_") }
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api/") { return true }
        let accept = request.headers.accept.mediaTypes
        return accept.contains(where: { $0.subType == "json" || $0.subType.hasSuffix("+json") }) && !accept.contains(.html)
    }

    static func response(for error: any Error, request: Request) async -> Response {
        let described = describe(error, request: request)
        if described.status == .payloadTooLarge {
            try? await request.audit.record(
                AuditEntry(
                    actorID: request.account?.userID, actorRole: request.actorRole, action: .requestRejected,
                    objectType: "route", objectID: request.url.path, outcome: .denied, detail: "body too large"),
                on: request.db)
        }
        let response: Response
        if wantsJSON(request) {
            response = problemResponse(described, request: request)
        } else {
            response = await errorPage(described, request: request)
        }
        for (name, value) in described.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    static func problemResponse(_ described: Described, request: Request) -> Response {
        let document = ProblemDocument(
            type: "about:blank",
            title: described.status.reasonPhrase,
            status: Int(described.status.code),
            detail: described.detail,
            instance: request.url.path,
            requestId: request.safeRequestID,
            errors: described.fieldErrors.isEmpty ? nil : described.fieldErrors.items.map { .init(field: $0.field, detail: $0.message) }
        )
        let response = Response(status: described.status)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        response.body = .init(data: (try? encoder.encode(document)) ?? Data("{}".utf8))
        response.headers.contentType = ProblemDocument.mediaType
        return response
    }

    struct ErrorPage: Encodable {
        let layout: LayoutContext
        let status: Int
        let title: String
        let message: String
    }

    static func errorPage(_ described: Described, request: Request) async -> Response {
        let title: String
        let message: String
        switch described.status {
        case .notFound:
            title = "Page not found"
            message = "There is nothing at this address. It may have moved, or the link may be mistyped."
        case .internalServerError:
            title = "Something went wrong"
            message = "Something went wrong on our side. Please try again in a moment."
        case .tooManyRequests:
            title = "Too many attempts"
            message = described.detail
        case .payloadTooLarge:
            // A person sees this after a form with a file (the profile picture) sent too much.
            title = "That file is too large"
            message =
                "What you sent is larger than Mindreel accepts, so nothing was saved. Go back and choose a smaller file: "
                + "a profile picture can be at most \(request.mindreel.config.maxAvatarSizeText)."
        default:
            title = described.status.reasonPhrase
            message = described.detail
        }
        let page = ErrorPage(layout: LayoutContext(request: request, title: title), status: Int(described.status.code), title: title, message: message)
        do {
            let response = try await request.view.render("errors/error", page).encodeResponse(for: request).get()
            response.status = described.status
            return response
        } catch {
            request.logger.error("error page failed to render: \(error)")
            let response = Response(status: described.status, body: .init(string: "\(title)\n\n\(message)\n"))
            response.headers.contentType = .plainText
            return response
        }
    }
}
