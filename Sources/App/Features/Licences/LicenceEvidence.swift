import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// Evidence files: checked by their first bytes and size, stored under `licences/<user>/…` in the
/// media store. No public route serves that prefix (the `/media` routes serve videos and
/// pictures only); the applicant's settings and the moderators' review stream it, and every
/// opening is written to the audit log.
enum LicenceEvidence {
    struct Stored {
        let key: Media.StorageKey
        let kind: EvidenceKind
        let bytes: Int64
    }

    /// What is wrong with the file, or nil: nothing sent (when `required`), too large, or not a
    /// PDF, JPEG or PNG by content.
    static func problem(with file: File?, required: Bool, config: AppConfig) -> String? {
        guard let file, file.data.readableBytes > 0 else {
            return required ? "Attach your licence or a screenshot of the board's record: a PDF, JPEG or PNG of at most \(config.maxEvidenceSizeText)." : nil
        }
        if file.data.readableBytes > config.maxEvidenceBytes {
            return "This file is \(AppConfig.megabytes(file.data.readableBytes)); evidence can be at most \(config.maxEvidenceSizeText)."
        }
        if kind(of: file) == nil {
            return "This file is not a PDF, JPEG or PNG (whatever its name says). Attach the licence as a PDF, or a photo or screenshot as JPEG or PNG."
        }
        return nil
    }

    static func kind(of file: File) -> EvidenceKind? {
        let head = file.data.getBytes(at: file.data.readerIndex, length: min(16, file.data.readableBytes)) ?? []
        return EvidenceKind.sniff(head)
    }

    /// Stores a file that passed `problem(with:)`.
    static func store(_ file: File, for userID: UUID, req: Request) async throws -> Stored {
        guard let kind = kind(of: file) else { throw FieldErrors("evidence", "This file is not a PDF, JPEG or PNG.") }
        return try await store(Data(buffer: file.data), kind: kind, for: userID, context: req.mindreel)
    }

    /// Stores evidence bytes of a known kind under a new private key (the demo seed's too).
    static func store(_ bytes: Data, kind: EvidenceKind, for userID: UUID, context: MindreelContext) async throws -> Stored {
        let key = Media.StorageKey("licences/\(userID.uuidString.lowercased())/\(UUID().uuidString.lowercased()).\(kind.fileExtension)")!
        let folder = context.config.dataDirectory + "/work/evidence-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/evidence"
        try bytes.write(to: URL(fileURLWithPath: path))
        try await context.storage.storeMoving(fileAt: path, as: key, contentType: kind.contentType)
        return Stored(key: key, kind: kind, bytes: Int64(bytes.count))
    }

    /// The signed-in applicant's own evidence (`:licenceID`); anyone else's is not found.
    static func ownResponse(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard
            let licence = try await Licence.query(on: req.db).filter(\.$id == (try LicencesAPIController.licenceID(req)))
                .filter(\.$user.$id == account.userID).first()
        else {
            throw HTTPProblem(.notFound, detail: "There is no such file.")
        }
        return try await response(for: licence, req: req)
    }

    /// Streams a licence's evidence to someone the policy lets read it, after auditing the view.
    static func response(for licence: Licence, req: Request) async throws -> Response {
        let account = try req.requireAccount()
        try req.authorize(.readLicenceEvidence, .account(licence.$user.id), hiddenAs: "There is no such file.")
        guard let key = Media.StorageKey(licence.evidenceKey), let size = try await req.mindreel.storage.size(of: key) else {
            throw HTTPProblem(.notFound, detail: "The evidence file is missing from storage.")
        }
        try await req.audit.record(
            AuditEntry(
                actorID: account.userID, actorRole: req.actorRole, action: .licenceEvidenceView, objectType: "licence",
                objectID: try licence.requireID().uuidString, detail: account.userID == licence.$user.id ? "own" : "review"), on: req.db)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: licence.evidenceKind.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"licence-evidence.\(licence.evidenceKind.fileExtension)\"")
        let chunks = try await req.mindreel.storage.read(key, range: nil)
        return Response(status: .ok, headers: headers, body: .streaming(chunks, count: Int(size)))
    }
}
