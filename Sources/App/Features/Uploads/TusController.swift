import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// The tus 1.0 resumable-upload protocol at `/api/v1/uploads`, with the creation,
/// creation-defer-length, termination, checksum (sha1) and expiration extensions.
///
/// Uploads belong to their creator: for anyone else every method answers 404, as if the
/// upload did not exist.
struct TusController: RouteCollection {
    static let offsetStreamType = HTTPMediaType(type: "application", subType: "offset+octet-stream")
    /// tus's own status for a checksum mismatch.
    static let checksumMismatch = HTTPResponseStatus(statusCode: 460, reasonPhrase: "Checksum Mismatch")

    static func location(of id: UUID) -> String { "/api/v1/uploads/\(id.uuidString.lowercased())" }

    func boot(routes: any RoutesBuilder) throws {
        let uploads = routes.grouped("api", "v1", "uploads")
        uploads.on(.OPTIONS, use: options)
        let tus = uploads.grouped(TusVersionMiddleware())
        tus.get(use: list)
        tus.post(use: create)
        tus.on(.HEAD, ":uploadID", use: head)
        tus.on(.PATCH, ":uploadID", body: .stream, use: patch)
        tus.delete(":uploadID", use: terminate)
    }

    // MARK: discovery

    func options(req: Request) async throws -> Response {
        let response = Response(status: .noContent)
        response.headers.replaceOrAdd(name: "Tus-Version", value: TusHeaders.version)
        response.headers.replaceOrAdd(name: "Tus-Extension", value: TusHeaders.extensions)
        response.headers.replaceOrAdd(name: "Tus-Max-Size", value: String(req.mindreel.config.uploadPolicy.maxBytes))
        response.headers.replaceOrAdd(name: "Tus-Checksum-Algorithm", value: TusHeaders.checksumAlgorithms)
        return response
    }

    // MARK: list

    func list(req: Request) async throws -> APIPage<UploadsAPI.UploadItem> {
        let account = try req.requireAccount()
        // Unfinished uploads only: at most `maxActivePerAccount` of them, so one page.
        let uploads = try await Upload.query(on: req.db)
            .filter(\.$owner.$id == account.userID)
            .filter(\.$state == .inProgress)
            .filter(\.$expiresAt > req.mindreel.now)
            .sort(\.$createdAt, .descending)
            .all()
        return .init(items: try uploads.map(UploadsAPI.UploadItem.init), nextCursor: nil)
    }

    // MARK: creation

    func create(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let policy = req.mindreel.config.uploadPolicy
        let length: Int64? = try Self.parse { try TusHeaders.nonNegativeInteger(req.headers.first(name: "Upload-Length"), header: "Upload-Length") }
        let deferHeader = req.headers.first(name: "Upload-Defer-Length")
        switch (length, deferHeader) {
        case (nil, nil):
            throw HTTPProblem(.badRequest, field: "Upload-Length", detail: "Send Upload-Length, or Upload-Defer-Length: 1 when the size is not known yet.")
        case (.some, .some):
            throw HTTPProblem(.badRequest, field: "Upload-Defer-Length", detail: "Send either Upload-Length or Upload-Defer-Length, not both.")
        case (nil, .some(let value)) where value.trimmingCharacters(in: .whitespaces) != "1":
            throw HTTPProblem(.badRequest, field: "Upload-Defer-Length", detail: "Upload-Defer-Length must be 1.")
        default:
            break
        }
        if let length, length > policy.maxBytes {
            throw HTTPProblem(.payloadTooLarge, field: "Upload-Length", detail: "The file is larger than the \(policy.maxSizeLabel) limit.")
        }
        let rawMetadata = req.headers.first(name: "Upload-Metadata") ?? ""
        let metadata: [String: String] = try Self.parse { try TusHeaders.metadata(rawMetadata) }

        let active = try await Upload.query(on: req.db)
            .filter(\.$owner.$id == account.userID).filter(\.$state == .inProgress).filter(\.$expiresAt > req.mindreel.now)
            .count()
        guard active < policy.maxActivePerAccount else {
            throw HTTPProblem(
                .forbidden,
                detail: "You have \(active) unfinished uploads. Finish or discard one of them before starting another.")
        }

        let upload = Upload(
            ownerID: account.userID, length: length, metadata: rawMetadata.trimmingCharacters(in: .whitespaces),
            filename: TusHeaders.displayFilename(metadata["filename"] ?? metadata["name"]),
            filetype: metadata["filetype"].map { String($0.prefix(100)) },
            now: req.mindreel.now, expiry: policy.expiry)
        try await upload.create(on: req.db)
        let id = try upload.requireID()
        do {
            try UploadFiles.createEmptyPartial(UploadFiles.partialPath(for: id, config: req.mindreel.config))
        } catch {
            try await upload.delete(on: req.db)
            throw error
        }
        // An empty file is complete as soon as it exists.
        if length == 0 {
            try await refuseIfNotVideo(upload, path: UploadFiles.partialPath(for: id, config: req.mindreel.config), req: req)
            let key = UploadFiles.storageKey(for: id)
            try await req.mindreel.storage.storeMoving(
                fileAt: UploadFiles.partialPath(for: id, config: req.mindreel.config), as: key, contentType: upload.filetype ?? "application/octet-stream")
            upload.state = .complete
            upload.storageKey = key.value
            try await upload.save(on: req.db)
        }
        let response = Response(status: .created)
        response.headers.replaceOrAdd(name: .location, value: Self.location(of: id))
        if upload.state == .inProgress {
            response.headers.replaceOrAdd(name: "Upload-Expires", value: HTTPDate.string(upload.expiresAt))
        }
        return response
    }

    // MARK: offset

    func head(req: Request) async throws -> Response {
        let upload = try await findOwned(req)
        let response = Response(status: .ok)
        response.headers.replaceOrAdd(name: "Upload-Offset", value: String(upload.offset))
        if let length = upload.length {
            response.headers.replaceOrAdd(name: "Upload-Length", value: String(length))
        } else {
            response.headers.replaceOrAdd(name: "Upload-Defer-Length", value: "1")
        }
        if !upload.metadata.isEmpty {
            response.headers.replaceOrAdd(name: "Upload-Metadata", value: upload.metadata)
        }
        if upload.state == .inProgress {
            response.headers.replaceOrAdd(name: "Upload-Expires", value: HTTPDate.string(upload.expiresAt))
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    // MARK: data

    func patch(req: Request) async throws -> Response {
        let upload = try await findOwned(req)
        let id = try upload.requireID()
        let config = req.mindreel.config
        let policy = config.uploadPolicy

        guard req.headers.contentType == Self.offsetStreamType else {
            throw HTTPProblem(.unsupportedMediaType, field: "Content-Type", detail: "Send the bytes as 'Content-Type: application/offset+octet-stream'.")
        }
        guard let clientOffset: Int64 = try Self.parse({ try TusHeaders.nonNegativeInteger(req.headers.first(name: "Upload-Offset"), header: "Upload-Offset") })
        else {
            throw HTTPProblem(.badRequest, field: "Upload-Offset", detail: "Send Upload-Offset: the number of bytes the server already has.")
        }
        let expected: [UInt8]? = try Self.parse { try TusHeaders.sha1Checksum(req.headers.first(name: "Upload-Checksum")) }
        let declaredLength: Int64? = try Self.parse { try TusHeaders.nonNegativeInteger(req.headers.first(name: "Upload-Length"), header: "Upload-Length") }

        guard clientOffset == upload.offset else {
            throw HTTPProblem(
                .conflict, field: "Upload-Offset",
                detail: "The server has \(upload.offset) bytes of this upload, not \(clientOffset). Ask with HEAD and continue from there.",
                headers: ["Upload-Offset": String(upload.offset)])
        }

        // A deferred length may be declared with any PATCH; once known it cannot change.
        var length = upload.length
        if let declaredLength {
            if let length, length != declaredLength {
                throw HTTPProblem(.badRequest, field: "Upload-Length", detail: "The upload's length is already \(length) bytes.")
            }
            if declaredLength < upload.offset {
                throw HTTPProblem(.badRequest, field: "Upload-Length", detail: "Upload-Length is smaller than what was already received.")
            }
            if declaredLength > policy.maxBytes {
                try await discard(upload, on: req)
                throw HTTPProblem(
                    .payloadTooLarge, field: "Upload-Length", detail: "The file is larger than the \(policy.maxSizeLabel) limit. The upload was discarded.")
            }
            length = declaredLength
        }
        if upload.state == .complete || (length != nil && upload.offset == length) {
            let response = Response(status: .noContent)
            response.headers.replaceOrAdd(name: "Upload-Offset", value: String(upload.offset))
            return response
        }

        let isDeferred = length == nil
        let allowed = (length ?? policy.maxBytes) - upload.offset
        if let contentLength = req.headers.first(name: .contentLength).flatMap(Int64.init), contentLength > allowed {
            if isDeferred { try await discard(upload, on: req) }
            throw tooLarge(isDeferred: isDeferred, policy: policy)
        }

        guard let lease = try await UploadLease.acquire(uploadID: id, now: req.mindreel.now, on: req.db) else {
            throw HTTPProblem(.locked, detail: "Another request is writing to this upload. Wait for it to finish, then ask for the offset with HEAD.")
        }
        let path = UploadFiles.partialPath(for: id, config: config)
        do {
            // Checked again under the lease: another PATCH may have finished between the first
            // check and taking the lease, and writing at a stale offset would corrupt the file.
            guard let current = try await Upload.find(id, on: req.db), current.offset == clientOffset, current.state == .inProgress else {
                throw HTTPProblem(
                    .conflict, field: "Upload-Offset", detail: "The upload moved on while this request waited. Ask with HEAD and continue from there.")
            }
            var lastRefresh = req.mindreel.now
            let writer = UploadWriter(fileIO: req.application.fileio)
            let result = try await writer.append(body: req.body, to: path, at: upload.offset, allowed: allowed) {
                let now = req.mindreel.now
                if now.timeIntervalSince(lastRefresh) > UploadLease.duration / 4 {
                    lastRefresh = now
                    guard try await lease.refresh(now: now, on: req.db) else {
                        throw HTTPProblem(.conflict, detail: "This upload was taken over by another request.")
                    }
                }
            }
            let response = try await finish(upload, length: length, result: result, expected: expected, path: path, req: req)
            try await lease.release(on: req.db)
            return response
        } catch {
            try? await lease.release(on: req.db)
            throw error
        }
    }

    /// Applies a PATCH's outcome: keep, undo or complete.
    private func finish(
        _ upload: Upload, length: Int64?, result: UploadWriter.Result, expected: [UInt8]?, path: String, req: Request
    ) async throws -> Response {
        let policy = req.mindreel.config.uploadPolicy
        let written: Int64
        switch result.outcome {
        case .tooLarge:
            if length == nil {
                try await discard(upload, on: req)
            } else {
                try UploadFiles.truncate(path, to: upload.offset)
            }
            throw tooLarge(isDeferred: length == nil, policy: policy)
        case .interrupted(let count):
            // Without a checksum the bytes that arrived are good; with one they cannot be
            // checked, so they are dropped.
            written = expected == nil ? count : 0
            if expected != nil { try UploadFiles.truncate(path, to: upload.offset) }
        case .finished(let count):
            if let expected, expected != result.sha1 {
                try UploadFiles.truncate(path, to: upload.offset)
                throw HTTPProblem(
                    Self.checksumMismatch, field: "Upload-Checksum",
                    detail: "The data does not match Upload-Checksum; nothing was stored. Send this part again.")
            }
            written = count
        }

        let now = req.mindreel.now
        upload.offset += written
        upload.length = length
        upload.updatedAt = now
        upload.expiresAt = now.addingTimeInterval(policy.expiry)
        if let length, upload.offset == length {
            try await refuseIfNotVideo(upload, path: path, req: req)
            let key = UploadFiles.storageKey(for: try upload.requireID())
            try await req.mindreel.storage.storeMoving(fileAt: path, as: key, contentType: upload.filetype ?? "application/octet-stream")
            upload.state = .complete
            upload.storageKey = key.value
        }
        try await upload.save(on: req.db)

        let response = Response(status: .noContent)
        response.headers.replaceOrAdd(name: "Upload-Offset", value: String(upload.offset))
        if upload.state == .inProgress {
            response.headers.replaceOrAdd(name: "Upload-Expires", value: HTTPDate.string(upload.expiresAt))
        }
        return response
    }

    // MARK: termination

    func terminate(req: Request) async throws -> HTTPStatus {
        let upload = try await findOwned(req)
        try await discard(upload, on: req)
        return .noContent
    }

    // MARK: helpers

    /// The caller's own upload. Anyone else's, a malformed id, or an expired one: 404.
    private func findOwned(_ req: Request) async throws -> Upload {
        let account = try req.requireAccount()
        guard let id = req.parameters.get("uploadID", as: UUID.self),
            let upload = try await Upload.query(on: req.db).filter(\.$id == id).filter(\.$owner.$id == account.userID).first()
        else { throw HTTPProblem(.notFound, detail: "There is no such upload, or it is not yours.") }
        if upload.state == .inProgress, upload.expiresAt <= req.mindreel.now {
            try await discard(upload, on: req)
            throw HTTPProblem(.gone, detail: "This upload expired after a day without progress. Start it again.")
        }
        return upload
    }

    /// Probes a finished upload before it is kept, so a file that is not a video is refused
    /// while the person is still choosing it, in words, and nothing of it stays (no upload, no
    /// stored file, no draft).
    private func refuseIfNotVideo(_ upload: Upload, path: String, req: Request) async throws {
        do {
            try await req.application.mediaTools.checkUpload(path: path, maxDurationSeconds: req.mindreel.config.maxVideoSeconds)
        } catch {
            try await discard(upload, on: req)
            throw HTTPProblem(.unprocessableEntity, field: "file", detail: "\(error.message) Choose another file to upload; this one was not kept.")
        }
    }

    /// Removes an upload with everything it wrote.
    private func discard(_ upload: Upload, on req: Request) async throws {
        try await UploadCleanup.discard(upload, config: req.mindreel.config, storage: req.mindreel.storage, on: req.db)
    }

    private func tooLarge(isDeferred: Bool, policy: UploadPolicy) -> HTTPProblem {
        HTTPProblem(
            .payloadTooLarge, field: "body",
            detail: isDeferred
                ? "The file is larger than the \(policy.maxSizeLabel) limit. The upload was discarded."
                : "More bytes were sent than the upload's declared length; nothing was stored.")
    }

    /// Maps header parse errors to 400 problems naming the header.
    static func parse<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TusHeaders.ParseError {
            switch error {
            case .invalid(let header, let reason):
                throw HTTPProblem(.badRequest, field: header, detail: "\(header) \(reason).")
            case .unsupportedChecksumAlgorithm(let name):
                throw HTTPProblem(
                    .badRequest, field: "Upload-Checksum", detail: "The checksum algorithm '\(name)' is not supported; use sha1.",
                    headers: ["Tus-Checksum-Algorithm": TusHeaders.checksumAlgorithms])
            }
        }
    }

}

/// Every tus request but OPTIONS must say which protocol version it speaks.
struct TusVersionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.headers.first(name: "Tus-Resumable") == TusHeaders.version else {
            throw HTTPProblem(
                .preconditionFailed, field: "Tus-Resumable",
                detail: "This server speaks tus \(TusHeaders.version): send 'Tus-Resumable: \(TusHeaders.version)'.",
                headers: ["Tus-Version": TusHeaders.version])
        }
        return try await next.respond(to: request)
    }
}
