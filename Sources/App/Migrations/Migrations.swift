import Fluent

/// Every migration in the order it runs. A shipped migration is never edited: add a new one.
enum MindreelMigrations {
    static let all: [any Migration] = [
        // 001: accounts, sessions, tokens, audit log, throttling
        CreateUsers(),
        CreateUserRoles(),
        CreateSessions(),
        CreateAPITokens(),
        CreatePasswordResets(),
        CreateAuditEvents(),
        CreateLoginFailures(),
        // 002: resumable uploads
        CreateUploads(),
        // 003: videos, topics, the job queue
        CreateTopics(),
        CreateVideos(),
        CreateJobs(),
        // 004: likes and saves
        CreateVideoReactions(),
        // 005: comments, follows, notifications, views and watch events, members' topics, profiles
        CreateEngagement(),
        // 006: full-text search (SQLite FTS5 / PostgreSQL tsvector) and its vocabulary
        CreateSearchIndex(),
        // 007: suspensions (the access policy)
        AddSuspensions(),
        // 008: blocks, reports, moderation cases, decisions and appeals
        CreateModeration(),
        // 009: practices and their members
        CreatePractices(),
        // 010: licences, a role's expiry, sources of clinical claims
        CreateLicences(),
        // 011: the diagnosis-framing classifier's result on videos
        AddDiagnosisFraming(),
        // 012: clinicians' review notes and their ratings
        CreateReviewNotes(),
        // 013: crisis resources per region, a member's region for them
        CreateCrisisResources(),
        // 014: the crisis classifier's level on a moderation case
        AddCrisisFlags(),
    ]
}
