"""Writes Resources/openapi.json. Edit this file, run it, commit both.

Kept as Python so the document is short to write and always valid JSON; the server serves the
generated file as it is, and a Swift test checks it against the registered routes.
"""
import json
import pathlib

def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}

def problem(*codes):
    return {str(c): {"$ref": f"#/components/responses/Problem"} for c in codes}

def body(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}

def ok(schema, code="200", description="OK"):
    return {code: {"description": description, "content": {"application/json": {"schema": schema}}}}

def page_of(name):
    return {
        "type": "object",
        "required": ["items", "next_cursor"],
        "properties": {"items": {"type": "array", "items": ref(name)}, "next_cursor": {"type": ["string", "null"]}},
    }

signed_in = [{"bearer": []}, {"session": []}]
tus_header = {"name": "Tus-Resumable", "in": "header", "required": True, "schema": {"type": "string", "enum": ["1.0.0"]}}
uuid_param = lambda name: {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}


def reaction_paths(kind, noun):
    state = {"type": "object", "required": ["video_id", "count", "active"],
             "properties": {"video_id": {"type": "string", "format": "uuid"}, "count": {"type": "integer"}, "active": {"type": "boolean"}}}
    return {
        "put": {"summary": f"{noun} a video (idempotent: twice is once)", "operationId": f"{kind}Video", "security": signed_in,
                "parameters": [uuid_param("videoID")], "responses": {**ok(state), **problem(401, 403, 404)}},
        "delete": {"summary": f"Take back a {kind}", "operationId": f"un{kind}Video", "security": signed_in,
                   "parameters": [uuid_param("videoID")], "responses": {**ok(state), **problem(401, 403, 404)}},
    }

def my_list(kind):
    return {"get": {"summary": f"The caller's own {kind}s (private to them), newest first", "operationId": f"my{kind.title()}s",
                    "security": signed_in,
                    "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}},
                                   {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50}}],
                    "responses": {**ok(page_of("Video")), **problem(400, 401)}}}

paths = {
    "/api/openapi.json": {
        "get": {"summary": "This document", "operationId": "getOpenAPI", "security": [],
                "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {}}}}},
    },
    "/api/v1/accounts": {
        "post": {
            "summary": "Sign up", "operationId": "signUp", "security": [],
            "requestBody": body(ref("SignUpInput")),
            "responses": {**ok(ref("Account"), "201", "The new account"), **problem(400, 413, 422)},
        }
    },
    "/api/v1/auth/token": {
        "post": {
            "summary": "Log in with handle (or email) and password; returns a bearer token",
            "operationId": "createTokenWithPassword", "security": [],
            "requestBody": body(ref("TokenLogInInput")),
            "responses": {**ok(ref("CreatedToken"), "201", "A new token; its secret is shown only now"),
                          **problem(401, 422),
                          "429": {"description": "Too many failed attempts", "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                                  "content": {"application/problem+json": {"schema": ref("Problem")}}}},
        }
    },
    "/api/v1/password-resets": {
        "post": {
            "summary": "Mail a password-reset link (answers the same whether or not the email has an account)",
            "operationId": "requestPasswordReset", "security": [],
            "requestBody": body({"type": "object", "required": ["email"], "properties": {"email": {"type": "string", "format": "email"}}}),
            "responses": {"202": {"description": "Accepted"}, **problem(422)},
        }
    },
    "/api/v1/password-resets/confirm": {
        "post": {
            "summary": "Choose a new password with the token from the mail; ends every session",
            "operationId": "confirmPasswordReset", "security": [],
            "requestBody": body({"type": "object", "required": ["token", "new_password"],
                                 "properties": {"token": {"type": "string"}, "new_password": {"type": "string", "minLength": 10}}}),
            "responses": {"204": {"description": "Password changed"}, **problem(422)},
        }
    },
    "/api/v1/me": {
        "get": {"summary": "The signed-in account", "operationId": "getMe", "security": signed_in,
                "responses": {**ok(ref("Account")), **problem(401)}},
    },
    "/api/v1/me/password": {
        "post": {
            "summary": "Change the password; ends every other session", "operationId": "changePassword", "security": signed_in,
            "requestBody": body({"type": "object", "required": ["current_password", "new_password"],
                                 "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 10}}}),
            "responses": {"204": {"description": "Changed"}, **problem(401, 403, 422, 429)},
        }
    },
    "/api/v1/sessions": {
        "get": {"summary": "The account's browser sessions", "operationId": "listSessions", "security": signed_in,
                "responses": {**ok(page_of("Session")), **problem(401)}},
    },
    "/api/v1/sessions/{sessionID}": {
        "delete": {"summary": "End a session", "operationId": "endSession", "security": signed_in,
                   "parameters": [uuid_param("sessionID")],
                   "responses": {"204": {"description": "Ended"}, **problem(401, 403, 404)}},
    },
    "/api/v1/tokens": {
        "get": {"summary": "The account's API tokens (without secrets)", "operationId": "listTokens", "security": signed_in,
                "responses": {**ok(page_of("Token")), **problem(401)}},
        "post": {"summary": "Create an API token", "operationId": "createToken", "security": signed_in,
                 "requestBody": body({"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 60}}}),
                 "responses": {**ok(ref("CreatedToken"), "201", "The token; its secret is shown only now"), **problem(401, 403, 422)}},
    },
    "/api/v1/tokens/{tokenID}": {
        "delete": {"summary": "Revoke an API token", "operationId": "revokeToken", "security": signed_in,
                   "parameters": [uuid_param("tokenID")],
                   "responses": {"204": {"description": "Revoked"}, **problem(401, 403, 404)}},
    },
    "/api/v1/uploads": {
        "options": {
            "summary": "tus discovery: version, extensions, maximum size, checksum algorithms", "operationId": "tusOptions", "security": [],
            "responses": {"204": {"description": "Capabilities", "headers": {
                "Tus-Version": {"schema": {"type": "string"}}, "Tus-Extension": {"schema": {"type": "string"}},
                "Tus-Max-Size": {"schema": {"type": "integer"}}, "Tus-Checksum-Algorithm": {"schema": {"type": "string"}}}}},
        },
        "get": {
            "summary": "The caller's unfinished uploads (at most the per-account limit: one page)", "operationId": "listUploads",
            "security": signed_in, "parameters": [tus_header],
            "responses": {**ok(page_of("Upload")), **problem(401, 412)},
        },
        "post": {
            "summary": "tus creation: start an upload (Upload-Length, or Upload-Defer-Length: 1)", "operationId": "createUpload",
            "security": signed_in,
            "parameters": [tus_header,
                           {"name": "Upload-Length", "in": "header", "schema": {"type": "integer", "minimum": 0}},
                           {"name": "Upload-Defer-Length", "in": "header", "schema": {"type": "string", "enum": ["1"]}},
                           {"name": "Upload-Metadata", "in": "header", "schema": {"type": "string"},
                            "description": "Comma-separated 'key base64value' pairs; filename and filetype are shown to the member"}],
            "responses": {"201": {"description": "Created", "headers": {"Location": {"schema": {"type": "string"}},
                                                                         "Upload-Expires": {"schema": {"type": "string"}}}},
                          **problem(400, 401, 403, 412, 413)},
        },
    },
    "/api/v1/uploads/{uploadID}": {
        "head": {
            "summary": "tus: how many bytes the server has", "operationId": "uploadOffset", "security": signed_in,
            "parameters": [uuid_param("uploadID"), tus_header],
            "responses": {"200": {"description": "Offset", "headers": {
                "Upload-Offset": {"schema": {"type": "integer"}}, "Upload-Length": {"schema": {"type": "integer"}},
                "Upload-Defer-Length": {"schema": {"type": "string"}}, "Upload-Expires": {"schema": {"type": "string"}},
                "Cache-Control": {"schema": {"type": "string", "enum": ["no-store"]}}}},
                **problem(401, 404, 410, 412)},
        },
        "patch": {
            "summary": "tus: append bytes at Upload-Offset (optional Upload-Checksum: sha1 <base64>)", "operationId": "appendUpload",
            "security": signed_in,
            "parameters": [uuid_param("uploadID"), tus_header,
                           {"name": "Upload-Offset", "in": "header", "required": True, "schema": {"type": "integer"}},
                           {"name": "Upload-Checksum", "in": "header", "schema": {"type": "string"}},
                           {"name": "Upload-Length", "in": "header", "schema": {"type": "integer"},
                            "description": "Declares a deferred length"}],
            "requestBody": {"required": True, "content": {"application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": {"204": {"description": "Stored", "headers": {"Upload-Offset": {"schema": {"type": "integer"}},
                                                                        "Upload-Expires": {"schema": {"type": "string"}}}},
                          **problem(400, 401, 404, 409, 410, 412, 413, 415, 423, 460)},
        },
        "delete": {
            "summary": "tus termination: discard the upload and its bytes", "operationId": "terminateUpload", "security": signed_in,
            "parameters": [uuid_param("uploadID"), tus_header],
            "responses": {"204": {"description": "Deleted"}, **problem(401, 404, 410, 412)},
        },
    },
    "/api/v1/feed": {
        "get": {
            "summary": "The For You feed (newest ready, published, public videos; a calibrated ranking comes later), or one topic's",
            "operationId": "getFeed", "security": [{}, {"bearer": []}, {"session": []}],
            "parameters": [
                {"name": "topic", "in": "query", "schema": {"type": "string"}},
                {"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "next_cursor of the previous page"},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}},
            ],
            "responses": {**ok(page_of("FeedItem")), **problem(400)},
        }
    },
    "/api/v1/videos/{videoID}/like": reaction_paths("like", "Like"),
    "/api/v1/videos/{videoID}/save": reaction_paths("save", "Save"),
    "/api/v1/me/likes": my_list("like"),
    "/api/v1/me/saves": my_list("save"),
    "/api/v1/topics": {
        "get": {"summary": "The curated topics (one page)", "operationId": "listTopics", "security": [],
                "responses": {**ok(page_of("Topic"))}},
    },
    "/api/v1/videos": {
        "post": {
            "summary": "Make a video from a finished upload; processing starts at once", "operationId": "createVideo",
            "security": signed_in, "requestBody": body(ref("VideoInput")),
            "responses": {**ok(ref("Video"), "201", "The video, processing_state uploaded"), **problem(400, 401, 403, 413, 422)},
        }
    },
    "/api/v1/videos/{videoID}": {
        "get": {
            "summary": "A video: processing state, progress, failure reason and, once ready, its files. The owner sees every state; "
                       "others a ready, published, public or unlisted video.",
            "operationId": "getVideo", "security": [{}, {"bearer": []}, {"session": []}],
            "parameters": [uuid_param("videoID")], "responses": {**ok(ref("Video")), **problem(404)},
        },
        "delete": {
            "summary": "Delete a video with its files and upload (owner)", "operationId": "deleteVideo", "security": signed_in,
            "parameters": [uuid_param("videoID")], "responses": {"204": {"description": "Deleted"}, **problem(401, 403, 404)},
        },
    },
    "/api/v1/videos/{videoID}/retry": {
        "post": {
            "summary": "Process a failed video again (owner)", "operationId": "retryVideo", "security": signed_in,
            "parameters": [uuid_param("videoID")],
            "responses": {**ok(ref("Video"), "202", "Queued again"), **problem(401, 403, 404, 409)},
        }
    },
}

schemas = {
    "Problem": {
        "type": "object", "description": "RFC 9457 problem details",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
            "detail": {"type": "string"}, "instance": {"type": "string"}, "request_id": {"type": "string"},
            "errors": {"type": "array", "description": "One entry per field to fix",
                       "items": {"type": "object", "required": ["field", "detail"],
                                 "properties": {"field": {"type": "string"}, "detail": {"type": "string"}}}},
        },
    },
    "SignUpInput": {
        "type": "object", "required": ["handle", "display_name", "email", "password", "birth_year"],
        "properties": {
            "handle": {"type": "string", "pattern": "^[a-z0-9_]{3,30}$"},
            "display_name": {"type": "string", "maxLength": 50},
            "email": {"type": "string", "format": "email"},
            "password": {"type": "string", "minLength": 10, "description": "Not one of the common passwords"},
            "birth_year": {"type": "integer", "description": "13 or older this year"},
        },
    },
    "TokenLogInInput": {
        "type": "object", "required": ["handle", "password"],
        "properties": {"handle": {"type": "string", "description": "Handle or email"}, "password": {"type": "string"},
                       "name": {"type": "string", "description": "What the token is for"}},
    },
    "Account": {
        "type": "object", "required": ["id", "handle", "display_name", "email", "is_minor", "roles"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "handle": {"type": "string"}, "display_name": {"type": "string"},
            "email": {"type": "string"}, "is_minor": {"type": "boolean"},
            "roles": {"type": "array", "items": {"type": "string", "enum": ["member", "clinician", "coordinator", "moderator", "admin"]}},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "Session": {
        "type": "object", "required": ["id", "user_agent", "created_at", "last_seen_at", "current"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "user_agent": {"type": "string"},
                       "created_at": {"type": "string", "format": "date-time"}, "last_seen_at": {"type": "string", "format": "date-time"},
                       "current": {"type": "boolean"}},
    },
    "Token": {
        "type": "object", "required": ["id", "name", "prefix", "created_at"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}, "prefix": {"type": "string"},
                       "created_at": {"type": "string", "format": "date-time"},
                       "last_used_at": {"type": ["string", "null"], "format": "date-time"}},
    },
    "Upload": {
        "type": "object", "required": ["id", "offset", "state", "created_at", "expires_at", "location"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "filename": {"type": ["string", "null"]},
                       "filetype": {"type": ["string", "null"]}, "length": {"type": ["integer", "null"]},
                       "offset": {"type": "integer"}, "state": {"type": "string", "enum": ["in_progress", "complete"]},
                       "created_at": {"type": "string", "format": "date-time"}, "expires_at": {"type": "string", "format": "date-time"},
                       "location": {"type": "string"}},
    },
    "FeedItem": {
        "type": "object", "required": ["video", "creator", "content_kind_label"],
        "properties": {"video": ref("Video"),
                       "creator": {"type": "object", "required": ["handle", "display_name"],
                                   "properties": {"handle": {"type": "string"}, "display_name": {"type": "string"}}},
                       "content_kind_label": {"type": "string"}},
    },
    "Topic": {
        "type": "object", "required": ["id", "name", "sensitive"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "sensitive": {"type": "boolean"}},
    },
    "VideoInput": {
        "type": "object", "required": ["upload_id", "topic_ids", "content_kind"],
        "properties": {
            "upload_id": {"type": "string", "format": "uuid"},
            "caption": {"type": "string", "maxLength": 2200, "description": "#hashtags in it are collected too"},
            "topic_ids": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string"}},
            "hashtags": {"type": "array", "maxItems": 10, "items": {"type": "string"}},
            "content_kind": {"type": "string", "enum": ["personal_experience", "education", "coping_skill", "humor", "clinical_claim"]},
            "visibility": {"type": "string", "enum": ["public", "unlisted", "private"], "default": "public"},
            "captions": {"type": "string", "description": "The text of a WebVTT or SRT file; sanitised, shown as a track"},
        },
    },
    "Video": {
        "type": "object",
        "required": ["id", "caption", "content_kind", "visibility", "topics", "hashtags", "processing_state", "publication_state",
                     "progress", "renditions", "page_url", "created_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "caption": {"type": "string"},
            "content_kind": {"type": "string"}, "visibility": {"type": "string"},
            "topics": {"type": "array", "items": {"type": "string"}}, "hashtags": {"type": "array", "items": {"type": "string"}},
            "processing_state": {"type": "string", "enum": ["uploaded", "probing", "transcoding", "ready", "failed"]},
            "publication_state": {"type": "string", "enum": ["draft", "pending_review", "published", "limited", "removed"]},
            "progress": {"type": "number", "minimum": 0, "maximum": 1},
            "failure_reason": {"type": ["string", "null"]},
            "duration_seconds": {"type": ["number", "null"]}, "width": {"type": ["integer", "null"]}, "height": {"type": ["integer", "null"]},
            "poster_url": {"type": ["string", "null"]},
            "renditions": {"type": "array", "items": {"type": "object", "required": ["name", "url", "content_type"],
                                                      "properties": {"name": {"type": "string"}, "url": {"type": "string"},
                                                                     "content_type": {"type": "string"}}}},
            "captions_url": {"type": ["string", "null"]}, "page_url": {"type": "string"},
            "like_count": {"type": "integer"}, "save_count": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"}, "ready_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "CreatedToken": {
        "type": "object", "required": ["id", "name", "token", "created_at"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                       "token": {"type": "string", "description": "Send as 'Authorization: Bearer <token>'"},
                       "created_at": {"type": "string", "format": "date-time"}},
    },
}

document = {
    "openapi": "3.1.0",
    "info": {
        "title": "Mindreel API", "version": "1.0.0",
        "description": "JSON with snake_case keys. Lists are {items, next_cursor}. Errors are application/problem+json "
                       "naming the field to fix. Browsers authenticate with the session cookie and must send the "
                       "csrf_token cookie's value in X-CSRF-Token on state-changing requests; apps send a bearer token.",
    },
    "servers": [{"url": "/"}],
    "security": signed_in,
    "paths": paths,
    "components": {
        "schemas": schemas,
        "responses": {"Problem": {"description": "A problem", "content": {"application/problem+json": {"schema": ref("Problem")}}}},
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "mindreel_session"},
        },
    },
}

out = pathlib.Path(__file__).resolve().parent.parent / "Resources" / "openapi.json"
out.write_text(json.dumps(document, indent=2) + "\n")
print(f"wrote {out}")
