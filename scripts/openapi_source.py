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
# Anyone may call; a signed-in caller may see more (their own state, their own unlisted videos).
anyone = [{}, {"bearer": []}, {"session": []}]
paging = [{"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "next_cursor of the previous page"},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}}]
handle_param = {"name": "handle", "in": "path", "required": True, "schema": {"type": "string"},
                "description": "The creator's handle (case does not matter)"}
tag_param = {"name": "tag", "in": "path", "required": True, "schema": {"type": "string"},
             "description": "A hashtag, with or without '#', in any case: '#Sleep' finds 'sleep'"}
no_content = lambda description: {"204": {"description": description}}


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
                          **problem(400, 401, 403, 412, 413, 422)},
            "description": "An empty upload is finished at once, so it is probed here: 422 (field `file`) when it is not a video.",
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
            "description": "The PATCH that completes the upload probes the file: when it is not a video Mindreel can use, the answer is "
                           "422 (field `file`) with the reason and what to do in `detail`, and the upload is discarded.",
            "security": signed_in,
            "parameters": [uuid_param("uploadID"), tus_header,
                           {"name": "Upload-Offset", "in": "header", "required": True, "schema": {"type": "integer"}},
                           {"name": "Upload-Checksum", "in": "header", "schema": {"type": "string"}},
                           {"name": "Upload-Length", "in": "header", "schema": {"type": "integer"},
                            "description": "Declares a deferred length"}],
            "requestBody": {"required": True, "content": {"application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": {"204": {"description": "Stored", "headers": {"Upload-Offset": {"schema": {"type": "integer"}},
                                                                        "Upload-Expires": {"schema": {"type": "string"}}}},
                          **problem(400, 401, 404, 409, 410, 412, 413, 415, 422, 423, 460)},
        },
        "delete": {
            "summary": "tus termination: discard the upload and its bytes", "operationId": "terminateUpload", "security": signed_in,
            "parameters": [uuid_param("uploadID"), tus_header],
            "responses": {"204": {"description": "Deleted"}, **problem(401, 404, 410, 412)},
        },
    },
    "/api/v1/feed": {
        "get": {
            "summary": "The For You feed, the Following feed, or one topic's videos",
            "description": "For You (the default) ranks fresh, popular videos and those in topics the caller picked or liked lately "
                           "(a calibrated ranking comes later); its pages keep the order of the first page. Following is the newest "
                           "videos of the creators the caller follows and needs a signed-in account. With `topic`, `tab` is ignored "
                           "and the list is that topic's videos, newest first. Only ready, published, public videos appear. Each "
                           "item's `viewer` is the caller's own like, save and follow state, or null for visitors.",
            "operationId": "getFeed", "security": anyone,
            "parameters": [
                {"name": "tab", "in": "query", "schema": {"type": "string", "enum": ["for_you", "following"], "default": "for_you"}},
                {"name": "topic", "in": "query", "schema": {"type": "string"}, "description": "A topic id; when given, tab is ignored"},
                *paging,
            ],
            "responses": {**ok(page_of("FeedItem")), **problem(400, 401)},
        }
    },
    "/api/v1/search": {
        "get": {
            "summary": "Search videos, creators and topics",
            "description": "Videos are matched on caption, hashtags and transcript (every word as a prefix: 'anx' finds anxiety), "
                           "ranked by relevance with a gentle boost for recent and well-watched videos; common words are left out. "
                           "When nothing matches, each word is corrected to the closest known one ('slep' → 'sleep', reported in "
                           "`corrected_query`), and then videos matching any of the words are given. Only ready, published, public "
                           "videos are found; creators only when they have such a video. Queries are not stored or logged. "
                           "`videos` is a cursor page; creators and topics come with the first page only.",
            "operationId": "search", "security": anyone,
            "parameters": [
                {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
                *paging,
            ],
            "responses": {**ok(ref("SearchResults")), **problem(400)},
        }
    },
    "/api/v1/videos/{videoID}/like": reaction_paths("like", "Like"),
    "/api/v1/videos/{videoID}/save": reaction_paths("save", "Save"),
    "/api/v1/me/likes": my_list("like"),
    "/api/v1/me/saves": my_list("save"),
    "/api/v1/topics": {
        "get": {
            "summary": "The curated topics, in their order (one page)", "operationId": "listTopics", "security": anyone,
            "description": "Retired topics are left out, unless an admin asks for them with include_retired=true; only then "
                           "does each item carry `retired`.",
            "parameters": [{"name": "include_retired", "in": "query", "schema": {"type": "boolean", "default": False},
                            "description": "Admins only; ignored for everyone else"}],
            "responses": {**ok(page_of("Topic")), **problem(400)},
        },
        "post": {
            "summary": "Add a topic (admin; audited)", "operationId": "createTopic", "security": signed_in,
            "requestBody": body(ref("TopicInput")),
            "responses": {**ok(ref("Topic"), "201", "The new topic, with `retired`"), **problem(401, 403, 422)},
        },
    },
    "/api/v1/topics/{topicID}": {
        "patch": {
            "summary": "Rename a topic, mark it sensitive or not, retire or restore it (admin; audited)",
            "description": "Only the fields sent change. A retired topic leaves the topic list and can no longer be picked; "
                           "videos keep it.",
            "operationId": "updateTopic", "security": signed_in,
            "parameters": [{"name": "topicID", "in": "path", "required": True, "schema": {"type": "string"},
                            "description": "The topic's id (a slug such as 'sleep')"}],
            "requestBody": body(ref("TopicUpdate")),
            "responses": {**ok(ref("Topic"), description="The topic, with `retired`"), **problem(401, 403, 404, 422)},
        },
    },
    "/api/v1/me/topics": {
        "get": {
            "summary": "The topics the caller picked for their For You feed to lean toward", "operationId": "getMyTopics",
            "security": signed_in, "responses": {**ok(ref("TopicPicks")), **problem(401)},
        },
        "put": {
            "summary": "Replace the caller's picked topics (an empty list clears them)", "operationId": "setMyTopics",
            "security": signed_in, "requestBody": body(ref("TopicPicks")),
            "responses": {**ok(ref("TopicPicks"), description="The picks as stored"), **problem(401, 403, 422)},
        },
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
        "patch": {
            "summary": "Change a video (owner): caption, topics, kind, visibility, comments on or off",
            "description": "Only the fields sent change. The details that result are checked as when the video was made "
                           "(1 to 3 current topics, a content kind, a caption of at most 2,200 characters, at most 10 "
                           "hashtags); when they break a rule nothing changes and the problem names the field. Hashtags "
                           "written in the caption follow it; those given apart from the caption are kept. With comments off, "
                           "nobody can comment and the comment list is empty for everyone but the creator, who still sees "
                           "the old comments (to delete them).",
            "operationId": "updateVideo", "security": signed_in,
            "parameters": [uuid_param("videoID")], "requestBody": body(ref("VideoUpdate")),
            "responses": {**ok(ref("Video")), **problem(401, 403, 404, 422)},
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
    "/api/v1/videos/{videoID}/comments": {
        "get": {
            "summary": "A video's top-level comments, newest first, each with its first replies",
            "description": "Each comment carries up to 50 of its replies (oldest first) and reply_count; page through the rest with "
                           "GET /api/v1/comments/{commentID}/replies. `can_edit` and `can_delete` are the caller's own rights. "
                           "When the creator turned comments off, the list is empty for everyone but them.",
            "operationId": "listComments", "security": anyone,
            "parameters": [uuid_param("videoID"), *paging],
            "responses": {**ok(page_of("Comment")), **problem(400, 404)},
        },
        "post": {
            "summary": "Comment on a video, or reply to a comment",
            "description": "Plain text, 1 to 2,000 characters after trimming. Replies go one level deep: a reply to a reply joins "
                           "its top-level comment's thread. The video's creator and the author of the comment replied to are "
                           "notified (never the commenter themself). 403 when the creator turned comments off.",
            "operationId": "createComment", "security": signed_in,
            "parameters": [uuid_param("videoID")], "requestBody": body(ref("CommentInput")),
            "responses": {**ok(ref("Comment"), "201", "The new comment"), **problem(400, 401, 403, 404, 422)},
        },
    },
    "/api/v1/comments/{commentID}/replies": {
        "get": {
            "summary": "A comment's replies, oldest first", "operationId": "listReplies", "security": anyone,
            "parameters": [uuid_param("commentID"), *paging],
            "responses": {**ok(page_of("Comment")), **problem(400, 404)},
        },
    },
    "/api/v1/comments/{commentID}": {
        "patch": {
            "summary": "Edit one's own comment (sets edited_at)", "operationId": "editComment", "security": signed_in,
            "parameters": [uuid_param("commentID")], "requestBody": body(ref("CommentEdit")),
            "responses": {**ok(ref("Comment")), **problem(400, 401, 403, 404, 422)},
        },
        "delete": {
            "summary": "Delete a comment (its author, the video's creator, or a moderator); its replies go with it",
            "description": "Deleting someone else's comment is recorded in the audit log.",
            "operationId": "deleteComment", "security": signed_in, "parameters": [uuid_param("commentID")],
            "responses": {**no_content("Deleted"), **problem(401, 403, 404)},
        },
    },
    "/api/v1/creators/{handle}": {
        "get": {
            "summary": "A creator's public profile and counts",
            "description": "Follower count, number of listed videos and their total views are public; who follows whom is not. "
                           "`following` is the caller's own state, left out for visitors and for the creator themself.",
            "operationId": "getCreator", "security": anyone, "parameters": [handle_param],
            "responses": {**ok(ref("CreatorProfile")), **problem(404)},
        },
    },
    "/api/v1/creators/{handle}/videos": {
        "get": {
            "summary": "A creator's ready, published, public videos, newest first", "operationId": "listCreatorVideos",
            "security": anyone, "parameters": [handle_param, *paging],
            "responses": {**ok(page_of("FeedItem")), **problem(400, 404)},
        },
    },
    "/api/v1/creators/{handle}/follow": {
        "put": {
            "summary": "Follow a creator (idempotent: twice is once); they are notified",
            "description": "Whom a member follows is private to them; the creator sees only their follower count and a notification.",
            "operationId": "followCreator", "security": signed_in, "parameters": [handle_param],
            "responses": {**ok(ref("FollowState")), **problem(401, 403, 404, 422)},
        },
        "delete": {
            "summary": "Unfollow a creator (idempotent)", "operationId": "unfollowCreator", "security": signed_in,
            "parameters": [handle_param],
            "responses": {**ok(ref("FollowState")), **problem(401, 403, 404, 422)},
        },
    },
    "/api/v1/me/follows": {
        "get": {
            "summary": "The creators the caller follows (private to them), most recently followed first",
            "operationId": "myFollows", "security": signed_in, "parameters": paging,
            "responses": {**ok(page_of("FollowedCreator")), **problem(400, 401)},
        },
    },
    "/api/v1/me/profile": {
        "patch": {
            "summary": "Edit the caller's display name, bio and links (only the fields sent change)",
            "operationId": "editProfile", "security": signed_in, "requestBody": body(ref("ProfileInput")),
            "responses": {**ok(ref("CreatorProfile"), description="The profile as others see it"), **problem(400, 401, 403, 422)},
        },
    },
    "/api/v1/notifications": {
        "get": {
            "summary": "The caller's notifications (each member sees only their own), newest first",
            "operationId": "listNotifications", "security": signed_in, "parameters": paging,
            "responses": {**ok(page_of("Notification")), **problem(400, 401)},
        },
    },
    "/api/v1/notifications/unread-count": {
        "get": {
            "summary": "How many of the caller's notifications are unread", "operationId": "unreadNotificationCount",
            "security": signed_in, "responses": {**ok(ref("UnreadCount")), **problem(401)},
        },
    },
    "/api/v1/notifications/read": {
        "post": {
            "summary": "Mark the given notifications read, or all of them when no ids are sent",
            "operationId": "markNotificationsRead", "security": signed_in,
            "requestBody": body(ref("NotificationsRead"), required=False),
            "responses": {**ok(ref("UnreadCount"), description="What is left unread"), **problem(401, 403)},
        },
    },
    "/api/v1/videos/{videoID}/views": {
        "post": {
            "summary": "Count a view (clients call this after 2 s of playback)",
            "description": "A view counts once per viewer per video per day (UTC); calling again the same day changes nothing. "
                           "A member is known by their account; a visitor by a random first-party cookie (mr_viewer, set here "
                           "when missing). Only a keyed hash of the viewer is stored, never an IP address.",
            "operationId": "countView", "security": anyone, "parameters": [uuid_param("videoID")],
            "responses": {"204": {"description": "Counted, or already counted today",
                                  "headers": {"Set-Cookie": {"schema": {"type": "string"},
                                                             "description": "mr_viewer, for a visitor who had none"}}},
                          **problem(403, 404)},
        },
    },
    "/api/v1/videos/{videoID}/watch-events": {
        "post": {
            "summary": "Record how long the caller watched a video, and whether they finished or skipped it",
            "description": "Watch events shape the caller's own For You feed; only they can list them, and they can delete them.",
            "operationId": "recordWatchEvent", "security": signed_in,
            "parameters": [uuid_param("videoID")], "requestBody": body(ref("WatchEventInput")),
            "responses": {**no_content("Recorded"), **problem(400, 401, 403, 404, 422)},
        },
    },
    "/api/v1/me/watch-events": {
        "get": {
            "summary": "The caller's watch history (private to them), newest first", "operationId": "listWatchEvents",
            "security": signed_in, "parameters": paging,
            "responses": {**ok(page_of("WatchEvent")), **problem(400, 401)},
        },
        "delete": {
            "summary": "Delete the caller's whole watch history", "operationId": "deleteWatchHistory", "security": signed_in,
            "responses": {**no_content("Deleted"), **problem(401, 403)},
        },
    },
    "/api/v1/me/watch-events/{eventID}": {
        "delete": {
            "summary": "Delete one watch event from the caller's history", "operationId": "deleteWatchEvent", "security": signed_in,
            "parameters": [uuid_param("eventID")], "responses": {**no_content("Deleted"), **problem(401, 403, 404)},
        },
    },
    "/api/v1/studio/videos": {
        "get": {
            "summary": "The caller's own videos in every state, newest first, with views, likes, saves, comments and watch-through",
            "operationId": "listStudioVideos", "security": signed_in, "parameters": paging,
            "responses": {**ok(page_of("StudioVideo")), **problem(400, 401)},
        },
    },
    "/api/v1/studio/videos/{videoID}/views": {
        "get": {
            "summary": "Views per UTC day of one of the caller's videos, oldest first, today last, days without views as 0",
            "description": "One page: next_cursor is always null. Someone else's video is not found.",
            "operationId": "getStudioVideoViews", "security": signed_in,
            "parameters": [uuid_param("videoID"),
                           {"name": "days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 365, "default": 30}}],
            "responses": {**ok(page_of("DayViews")), **problem(400, 401, 404)},
        },
    },
    "/api/v1/hashtags/{tag}": {
        "get": {
            "summary": "A hashtag: how many listed videos carry it and their total views", "operationId": "getHashtag",
            "security": anyone, "parameters": [tag_param],
            "responses": {**ok(ref("HashtagSummary")), **problem(404)},
        },
    },
    "/api/v1/hashtags/{tag}/videos": {
        "get": {
            "summary": "The ready, published, public videos with a hashtag, newest first", "operationId": "listHashtagVideos",
            "security": anyone, "parameters": [tag_param, *paging],
            "responses": {**ok(page_of("FeedItem")), **problem(400, 404)},
        },
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
    "SearchResults": {
        "type": "object",
        "required": ["query", "corrected_query", "videos", "creators", "topics", "crisis"],
        "properties": {
            "query": {"type": "string"},
            "corrected_query": {"type": ["string", "null"], "description": "The words searched instead, when those typed found nothing"},
            "videos": page_of("FeedItem"),
            "creators": {"type": "array", "items": {
                "type": "object", "required": ["handle", "display_name", "profile_url", "initials"],
                "properties": {"handle": {"type": "string"}, "display_name": {"type": "string"},
                               "avatar_url": {"type": "string", "description": "Left out when the creator has no picture"},
                               "profile_url": {"type": "string"}, "initials": {"type": "string"}}}},
            "topics": {"type": "array", "items": {
                "type": "object", "required": ["id", "name", "url"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}}}},
            "crisis": {"type": ["object", "null"],
                       "description": "Set when the query reads as crisis language (it is never stored or logged): show the "
                                      "help lines above the results, which then lead with prevention and recovery videos. "
                                      "When `means` is true the query names or asks about a method, and `videos` is empty.",
                       "required": ["level", "means", "resources"],
                       "properties": {"level": {"type": "string", "enum": ["none", "concern", "urgent"]}, "means": {"type": "boolean"},
                                      "resources": ref("CrisisResources")}},
        },
    },
    "CreatorSummary": {
        "type": "object", "description": "Who made a video, wrote a comment or caused a notification",
        "required": ["handle", "display_name", "profile_url", "initials"],
        "properties": {"handle": {"type": "string"}, "display_name": {"type": "string"},
                       "avatar_url": {"type": ["string", "null"], "description": "Left out when there is no profile picture"},
                       "profile_url": {"type": "string", "description": "The profile page, /@handle"},
                       "initials": {"type": "string", "description": "Up to two letters, for an avatar without a picture"},
                       "badge": {**ref("LicenceBadge"), "description": "A verified clinician's licence; left out for everyone else"}},
    },
    "ViewerState": {
        "type": "object", "description": "The caller's own state for a video; never anyone else's",
        "required": ["liked", "saved", "following", "is_owner"],
        "properties": {"liked": {"type": "boolean"}, "saved": {"type": "boolean"},
                       "following": {"type": "boolean", "description": "Whether the caller follows the video's creator"},
                       "is_owner": {"type": "boolean"}},
    },
    "FeedItem": {
        "type": "object", "required": ["video", "creator", "content_kind_label", "viewer"],
        "properties": {"video": ref("Video"), "creator": ref("CreatorSummary"), "content_kind_label": {"type": "string"},
                       "viewer": {"anyOf": [ref("ViewerState"), {"type": "null"}], "description": "null for visitors"}},
    },
    "Topic": {
        "type": "object", "required": ["id", "name", "sensitive"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "sensitive": {"type": "boolean"},
                       "retired": {"type": "boolean", "description": "Only in admins' listings (include_retired=true) and in "
                                                                     "the answers to creating or changing a topic"}},
    },
    "TopicInput": {
        "type": "object", "required": ["name"],
        "properties": {"name": {"type": "string", "maxLength": 60, "description": "Unique among topics"},
                       "id": {"type": "string", "description": "The slug to use (letters, digits and '-'); made from the name when "
                                                               "left out. It is the topic's permanent id."},
                       "sensitive": {"type": "boolean", "default": False}},
    },
    "TopicUpdate": {
        "type": "object",
        "properties": {"name": {"type": "string", "maxLength": 60}, "sensitive": {"type": "boolean"}, "retired": {"type": "boolean"}},
    },
    "TopicPicks": {
        "type": "object", "required": ["topic_ids"],
        "properties": {"topic_ids": {"type": "array", "items": {"type": "string"}, "uniqueItems": True,
                                     "description": "Ids of current (not retired) topics"}},
    },
    "Comment": {
        "type": "object",
        "required": ["id", "video_id", "parent_id", "body", "author", "created_at", "edited_at", "reply_count", "replies",
                     "can_edit", "can_delete"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "video_id": {"type": "string", "format": "uuid"},
            "parent_id": {"type": ["string", "null"], "format": "uuid", "description": "null on a top-level comment"},
            "body": {"type": "string", "description": "Plain text: show it as text"},
            "author": ref("CreatorSummary"),
            "created_at": {"type": "string", "format": "date-time"},
            "edited_at": {"type": ["string", "null"], "format": "date-time"},
            "reply_count": {"type": "integer"},
            "replies": {"type": "array", "items": ref("Comment"),
                        "description": "On a top-level comment in a video's list: its first replies (up to 50), oldest first. "
                                       "Otherwise empty"},
            "can_edit": {"type": "boolean", "description": "The caller wrote it"},
            "can_delete": {"type": "boolean", "description": "The caller wrote it, made the video, or moderates"},
            "crisis_support": {**ref("CrisisSupport"),
                               "description": "Only in the answer to its author's post or edit, when the comment reads as crisis "
                                              "language: the help lines to show them privately, at once. The comment is posted "
                                              "either way, and a moderator is asked to look"},
        },
    },
    "CrisisSupport": {
        "type": "object", "description": "The resources panel: warm words and the caller's region's help lines",
        "required": ["place", "heading", "message", "region_name", "lines", "emergency"],
        "properties": {
            "place": {"type": "string", "enum": ["search", "video", "comment"]},
            "heading": {"type": "string"}, "message": {"type": "string"}, "region_name": {"type": "string"},
            "lines": {"type": "array", "items": ref("CrisisCard")}, "emergency": {"type": "array", "items": ref("CrisisCard")},
        },
    },
    "CrisisCard": {
        "type": "object", "required": ["name", "ways", "hours", "languages"],
        "properties": {
            "name": {"type": "string"}, "hours": {"type": "string"}, "languages": {"type": "string"}, "note": {"type": ["string", "null"]},
            "ways": {"type": "array", "items": {"type": "object", "required": ["label", "href"],
                                                "properties": {"label": {"type": "string"},
                                                               "href": {"type": "string", "description": "tel:, sms: or https:"}}}},
        },
    },
    "CommentInput": {
        "type": "object", "required": ["body"],
        "properties": {"body": {"type": "string", "minLength": 1, "maxLength": 2000, "description": "Plain text; trimmed"},
                       "parent_id": {"type": "string", "format": "uuid", "description": "The comment this replies to"}},
    },
    "CommentEdit": {
        "type": "object", "required": ["body"],
        "properties": {"body": {"type": "string", "minLength": 1, "maxLength": 2000, "description": "Plain text; trimmed"}},
    },
    "CreatorProfile": {
        "type": "object",
        "required": ["handle", "display_name", "links", "initials", "profile_url", "follower_count", "video_count", "total_views"],
        "properties": {
            "handle": {"type": "string"}, "display_name": {"type": "string"},
            "bio": {"type": ["string", "null"], "description": "Plain text: show it as text. Left out when empty"},
            "links": {"type": "array", "maxItems": 3,
                      "items": {"type": "object", "required": ["url", "label"],
                                "properties": {"url": {"type": "string"},
                                               "label": {"type": "string", "description": "Host and path, without https://"}}}},
            "avatar_url": {"type": ["string", "null"], "description": "Left out when there is no profile picture"},
            "initials": {"type": "string"}, "profile_url": {"type": "string"},
            "follower_count": {"type": "integer"},
            "video_count": {"type": "integer", "description": "Ready, published, public videos"},
            "total_views": {"type": "integer", "description": "Views of those videos"},
            "following": {"type": ["boolean", "null"],
                          "description": "Whether the caller follows them; left out for visitors and for the creator themself"},
        },
    },
    "ProfileInput": {
        "type": "object", "description": "Only the fields sent change",
        "properties": {"display_name": {"type": "string", "minLength": 1, "maxLength": 50},
                       "bio": {"type": "string", "maxLength": 300, "description": "Plain text; an empty bio clears it"},
                       "links": {"type": "array", "maxItems": 3, "description": "https:// addresses; an empty list clears them",
                                 "items": {"type": "string", "maxLength": 300}}},
    },
    "FollowState": {
        "type": "object", "required": ["handle", "follower_count", "following"],
        "properties": {"handle": {"type": "string"}, "follower_count": {"type": "integer"}, "following": {"type": "boolean"}},
    },
    "FollowedCreator": {
        "type": "object", "required": ["handle", "display_name", "profile_url", "initials", "follower_count"],
        "properties": {"handle": {"type": "string"}, "display_name": {"type": "string"},
                       "avatar_url": {"type": ["string", "null"], "description": "Left out when there is no profile picture"},
                       "profile_url": {"type": "string"}, "initials": {"type": "string"}, "follower_count": {"type": "integer"}},
    },
    "Notification": {
        "type": "object", "required": ["id", "kind", "text", "created_at", "read"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "kind": {"type": "string", "enum": ["follow", "comment", "reply", "general"]},
            "text": {"type": "string", "description": "Plain text: show it as text"},
            "url": {"type": ["string", "null"], "description": "A path on this site to open; left out when there is none"},
            "actor": {"anyOf": [ref("CreatorSummary"), {"type": "null"}], "description": "Who caused it; left out when no one did"},
            "video_title": {"type": ["string", "null"],
                            "description": "The video it is about, as its page names it now; left out when there is none or the member may no longer watch it"},
            "comment_excerpt": {"type": ["string", "null"],
                                "description": "For comments and replies: the comment's first words as it reads now (plain text)"},
            "created_at": {"type": "string", "format": "date-time"}, "read": {"type": "boolean"},
        },
    },
    "UnreadCount": {
        "type": "object", "required": ["unread_count"], "properties": {"unread_count": {"type": "integer", "minimum": 0}},
    },
    "NotificationsRead": {
        "type": "object",
        "properties": {"ids": {"type": "array", "items": {"type": "string", "format": "uuid"},
                               "description": "The notifications to mark read; all of them when left out"}},
    },
    "WatchEventInput": {
        "type": "object", "required": ["watch_seconds"],
        "properties": {"watch_seconds": {"type": "number", "minimum": 0, "maximum": 86400, "description": "Kept to 0.1 s"},
                       "completed": {"type": "boolean", "default": False}, "skipped": {"type": "boolean", "default": False}},
    },
    "WatchEvent": {
        "type": "object",
        "required": ["id", "video_id", "video_title", "watch_seconds", "completed", "skipped", "created_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "video_id": {"type": "string", "format": "uuid"},
            "video_title": {"type": "string"},
            "video_page_url": {"type": ["string", "null"], "description": "Left out once the caller can no longer watch the video"},
            "watch_seconds": {"type": "number"}, "duration_seconds": {"type": ["number", "null"]},
            "completed": {"type": "boolean"}, "skipped": {"type": "boolean"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "HashtagSummary": {
        "type": "object", "required": ["tag", "video_count", "total_views", "page_url"],
        "properties": {"tag": {"type": "string", "description": "Normalised: lower case, without '#'"},
                       "video_count": {"type": "integer", "description": "Ready, published, public videos with the tag"},
                       "total_views": {"type": "integer"}, "page_url": {"type": "string", "description": "/tags/{tag}"}},
    },
    "VideoUpdate": {
        "type": "object", "description": "Only the fields sent change",
        "properties": {
            "caption": {"type": "string", "maxLength": 2200, "description": "Trimmed; #hashtags in it become the video's hashtags"},
            "topic_ids": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string"},
                          "description": "Ids of current (not retired) topics; a retired topic the video already has may stay"},
            "content_kind": {"type": "string", "enum": ["personal_experience", "education", "coping_skill", "humor", "clinical_claim"]},
            "visibility": {"type": "string", "enum": ["public", "unlisted", "private"]},
            "comments_enabled": {"type": "boolean"},
            "sources": {"type": "array", "maxItems": 10, "items": ref("ClaimSource"),
                        "description": "The whole new list. A clinical_claim needs at least one (422 naming sources). Changing "
                                       "the kind to clinical_claim holds a published video as pending_review unless its owner "
                                       "holds a verified licence."},
        },
    },
    "StudioVideo": {
        "type": "object", "description": "One of the caller's own videos, in any state, with its numbers",
        "required": ["video", "watch_through_rate", "watch_event_count", "studio_url"],
        "properties": {
            "video": ref("Video"),
            "watch_through_rate": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                                   "description": "The mean over watch events of min(1, watched seconds / length); null before any"},
            "watch_event_count": {"type": "integer", "description": "Watch events of signed-in viewers behind the rate"},
            "studio_url": {"type": "string", "description": "The video's studio page, /studio/videos/{id}"},
        },
    },
    "DayViews": {
        "type": "object", "required": ["day", "views"],
        "properties": {"day": {"type": "string", "format": "date", "description": "A UTC day, YYYY-MM-DD"},
                       "views": {"type": "integer", "minimum": 0}},
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
            "sources": {"type": "array", "maxItems": 10, "items": ref("ClaimSource"),
                        "description": "A clinical_claim needs at least one (422 naming sources). A clinical claim from a creator "
                                       "without a verified licence is held as pending_review until a moderator approves it."},
            "sources_text": {"type": "string", "description": "The sources as the forms send them: one a line, a link with its "
                                                             "title or a citation"},
        },
    },
    "Video": {
        "type": "object",
        "required": ["id", "caption", "content_kind", "visibility", "topics", "hashtags", "processing_state", "publication_state",
                     "progress", "renditions", "page_url", "like_count", "save_count", "comment_count", "view_count",
                     "comments_enabled", "created_at", "context"],
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
            "like_count": {"type": "integer", "description": "Public count; who liked is private"},
            "save_count": {"type": "integer", "description": "Public count; who saved is private"},
            "comment_count": {"type": "integer"},
            "view_count": {"type": "integer", "description": "Counted once per viewer per video per day, after 2 s of playback"},
            "comments_enabled": {"type": "boolean", "description": "Whether the creator lets people comment"},
            "created_at": {"type": "string", "format": "date-time"}, "ready_at": {"type": ["string", "null"], "format": "date-time"},
            "context": {
                "type": "object", "required": ["not_a_diagnosis", "general_information"],
                "description": "The context shown with the video",
                "properties": {
                    "not_a_diagnosis": {"type": "boolean", "description": "Show the 'this is not a diagnosis' panel: the diagnosis-framing classifier flagged the video, or a moderator added the panel (a moderator's removal wins too)"},
                    "general_information": {"type": "boolean", "description": "Education, coping skill or clinical claim: 'general information, not advice for your situation'"},
                },
            },
        },
    },
    "CreatedToken": {
        "type": "object", "required": ["id", "name", "token", "created_at"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                       "token": {"type": "string", "description": "Send as 'Authorization: Bearer <token>'"},
                       "created_at": {"type": "string", "format": "date-time"}},
    },
}

# Trust and safety (issue 12): reports, blocks.
report_reasons = ["self_harm_risk", "misinformation", "disordered_eating", "harassment", "impersonation",
                  "private_information", "spam", "other"]
paths.update({
    "/api/v1/reports/reasons": {
        "get": {"summary": "The reasons a report can give, with their labels", "operationId": "listReportReasons", "security": anyone,
                "responses": ok({"type": "object", "required": ["reasons"], "properties": {"reasons": {"type": "array", "items": {
                    "type": "object", "required": ["id", "label"],
                    "properties": {"id": {"type": "string", "enum": report_reasons}, "label": {"type": "string"}}}}}})},
    },
    "/api/v1/reports": {
        "post": {
            "summary": "Report a video, a comment or an account",
            "description": "The report joins the open moderation case for that thing, or opens one. Reporting the same thing "
                           "again while its case is open counts once (200, already_reported true). Nobody reports their own "
                           "content or account (422). A member many of whose recent reports were dismissed may send only a "
                           "few a day (429). A suspended account cannot report (403).",
            "operationId": "createReport", "requestBody": body(ref("ReportInput")),
            "responses": {**ok(ref("ReportReceived"), "201", "Received"), **ok(ref("ReportReceived"), "200", "Already reported"),
                          **problem(401, 403, 404, 422, 429)},
        },
    },
    "/api/v1/me/reports": {
        "get": {"summary": "The caller's reports and how each was closed (never what was decided about whom)",
                "operationId": "myReports", "responses": {**ok(page_of("MyReport")), **problem(401)}},
    },
    "/api/v1/creators/{handle}/block": {
        "put": {"summary": "Block an account (private; ends follows both ways; idempotent)",
                "description": "From then on neither sees the other's videos (feeds, search, hashtags, profiles), comments or "
                               "notifications; the blocked account gets 404 for the blocker's profile and cannot comment on "
                               "their videos or follow them.",
                "operationId": "blockAccount", "parameters": [handle_param],
                "responses": {**ok(ref("BlockState")), **problem(401, 404, 422)}},
        "delete": {"summary": "Unblock an account", "operationId": "unblockAccount", "parameters": [handle_param],
                   "responses": {**ok(ref("BlockState")), **problem(401, 404)}},
    },
    "/api/v1/me/blocks": {
        "get": {"summary": "The accounts the caller blocked (private to them)", "operationId": "myBlocks",
                "responses": {**ok(page_of("BlockedAccount")), **problem(401)}},
    },
})
schemas.update({
    "ReportInput": {
        "type": "object", "required": ["target_type", "reason"],
        "properties": {
            "target_type": {"type": "string", "enum": ["video", "comment", "account"]},
            "target_id": {"type": "string", "format": "uuid", "description": "The video's or comment's id"},
            "target_handle": {"type": "string", "description": "The account's handle (for target_type account)"},
            "reason": {"type": "string", "enum": report_reasons},
            "note": {"type": "string", "maxLength": 1000},
        },
    },
    "ReportReceived": {"type": "object", "required": ["id", "already_reported", "message"],
                       "properties": {"id": {"type": "string", "format": "uuid"}, "already_reported": {"type": "boolean"},
                                      "message": {"type": "string"}}},
    "MyReport": {"type": "object", "required": ["id", "target_type", "reason", "reason_label", "created_at", "status"],
                 "properties": {"id": {"type": "string", "format": "uuid"}, "target_type": {"type": "string"},
                                "reason": {"type": "string", "enum": report_reasons}, "reason_label": {"type": "string"},
                                "created_at": {"type": "string", "format": "date-time"},
                                "status": {"type": "string", "enum": ["open", "closed"]},
                                "outcome": {"type": ["string", "null"], "enum": ["acted", "no_action", None]},
                                "closed_at": {"type": ["string", "null"], "format": "date-time"}}},
    "BlockState": {"type": "object", "required": ["blocked", "handle"],
                   "properties": {"blocked": {"type": "boolean"}, "handle": {"type": "string"}}},
    "BlockedAccount": {"type": "object", "required": ["handle", "display_name", "blocked_at"],
                       "properties": {"handle": {"type": "string"}, "display_name": {"type": "string"},
                                      "blocked_at": {"type": "string", "format": "date-time"}}},
})

# The moderation desk (moderators and admins), a creator's decisions and appeals, transparency.
moderation_actions = ["dismiss", "limit", "remove", "warn", "suspend"]
guideline_ids = ["self_harm_details", "disordered_eating", "professional_claims", "cures_and_treatments",
                 "harassment_and_hate", "private_information", "spam"]
staff = problem(401, 403)
paths.update({
    "/api/v1/moderation/queue": {
        "get": {"summary": "Open and appealed cases, most urgent first",
                "description": "Suicide and self-harm risk first, then the kind and number of reports, the reach of the "
                               "content (views since yesterday) and the time waited. Moderators and admins only.",
                "operationId": "moderationQueue", "responses": {**ok(page_of("ModerationItem")), **staff}},
    },
    "/api/v1/moderation/cases/{caseID}": {
        "get": {"summary": "One case: what was reported (kept if deleted), the video's caption, transcript and labels, "
                           "the reports, the creator's history and earlier decisions",
                "operationId": "moderationCase", "parameters": [uuid_param("caseID")],
                "responses": {**ok(ref("ModerationCaseDetail")), **problem(401, 403, 404)}},
    },
    "/api/v1/moderation/cases/{caseID}/claim": {
        "post": {"summary": "Claim a case, so other moderators see it is being worked on (lapses after 30 minutes)",
                 "operationId": "claimModerationCase", "parameters": [uuid_param("caseID")],
                 "responses": {**ok(ref("ModerationClaim")), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/moderation/cases/{caseID}/decision": {
        "post": {"summary": "Decide a case: dismiss, limit, remove, warn or suspend, with a guideline section and a reason",
                 "description": "The effect, the closing of the reports, the notices to the creator and reporters and the "
                                "audit row are written in one transaction. Refused: no guideline section (except for a "
                                "dismissal) or reason (422), an action that does not fit the thing (422), the moderator's "
                                "own content (422), a case claimed by another moderator or already decided (409).",
                 "operationId": "decideModerationCase", "parameters": [uuid_param("caseID")],
                 "requestBody": body(ref("ModerationDecisionInput")),
                 "responses": {**ok(ref("ModerationDecided"), "201", "Decided"), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/moderation/cases/{caseID}/appeal-decision": {
        "post": {"summary": "Uphold or reverse an appealed decision (not by the moderator who made it)",
                 "description": "A reversal restores what was removed or limited, lifts a suspension or withdraws a warning.",
                 "operationId": "decideAppeal", "parameters": [uuid_param("caseID")],
                 "requestBody": body(ref("AppealDecisionInput")),
                 "responses": {**ok(ref("ModerationDecided")), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/moderation/cases/{caseID}/check-in": {
        "post": {"summary": "Send the author of a risk case a private, caring check-in with the help lines (once per case)",
                 "description": "Arrives as a notification in fixed, warm words linking to /help. 409 when the case is not a "
                                "risk case or a check-in was already sent.",
                 "operationId": "sendCheckIn", "parameters": [uuid_param("caseID")],
                 "responses": {**ok({"type": "object", "required": ["case_id", "message"],
                                     "properties": {"case_id": {"type": "string", "format": "uuid"}, "message": {"type": "string"}}},
                                    code="201", description="Sent"),
                               **problem(401, 403, 404, 409)}},
    },
    "/api/v1/studio/decisions": {
        "get": {"summary": "Moderation decisions about the caller's content and account, newest first",
                "operationId": "myModerationDecisions", "responses": {**ok(page_of("CreatorDecision")), **problem(401)}},
    },
    "/api/v1/studio/decisions/{decisionID}/appeal": {
        "post": {"summary": "Appeal a decision, once, with a note (open to a suspended account)",
                 "operationId": "appealDecision", "parameters": [uuid_param("decisionID")],
                 "requestBody": body({"type": "object", "required": ["note"],
                                      "properties": {"note": {"type": "string", "minLength": 10, "maxLength": 1000}}}),
                 "responses": {**ok(ref("CreatorDecision")), **problem(401, 404, 409, 422)}},
    },
    "/api/v1/transparency": {
        "get": {"summary": "Monthly moderation numbers: reports by reason, actions by kind and section, appeals, "
                           "reversals and the median time to a decision (no content, no people)",
                "operationId": "transparency", "responses": {**ok(ref("TransparencyPage"))}},
    },
})
date_time = {"type": "string", "format": "date-time"}
nullable_text = {"type": ["string", "null"]}
count_rows = {"type": "array", "items": {"type": "object", "required": ["label", "count"],
                                         "properties": {"label": {"type": "string"}, "count": {"type": "integer"}}}}
schemas.update({
    "ModerationItem": {
        "type": "object",
        "required": ["id", "target_type", "status", "report_count", "self_harm_risk", "top_reason", "top_reason_label",
                     "reason_labels", "excerpt", "creator_handle", "reach_last_day", "first_reported_at", "waiting",
                     "target_deleted", "claimed_by_you", "priority"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "target_type": {"type": "string", "enum": ["video", "comment", "account"]},
            "status": {"type": "string", "enum": ["open", "appealed", "decided", "closed"]},
            "report_count": {"type": "integer"}, "self_harm_risk": {"type": "boolean"},
            "crisis_level": {"type": ["string", "null"], "enum": ["concern", "urgent", None],
                             "description": "Set when the crisis check opened the case (a comment in crisis language, no report "
                                            "needed); such cases come first, urgent before concern"},
            "top_reason": {"type": "string", "enum": report_reasons}, "top_reason_label": {"type": "string"},
            "reason_labels": {"type": "array", "items": {"type": "string"}}, "excerpt": {"type": "string"},
            "creator_handle": {"type": "string"}, "reach_last_day": {"type": "integer"}, "first_reported_at": date_time,
            "waiting": {"type": "string"}, "target_deleted": {"type": "boolean"}, "claimed_by": nullable_text,
            "claimed_by_you": {"type": "boolean"}, "priority": {"type": "number"},
        },
    },
    "ModerationCaseDetail": {
        "type": "object", "required": ["item", "snapshot", "reports", "decisions", "creator_history", "you_may_decide"],
        "properties": {
            "item": ref("ModerationItem"), "snapshot": {"type": "string"},
            "video": {"type": ["object", "null"], "description": "caption, transcript, topics, hashtags, content kind, state, "
                                                                  "views, and where it plays"},
            "reports": {"type": "array", "items": {"type": "object"}},
            "decisions": {"type": "array", "items": {"type": "object"}},
            "creator_history": {"type": "array", "items": {"type": "object"}},
            "creator_suspension": nullable_text, "you_may_decide": {"type": "boolean"}, "why_not": nullable_text,
        },
    },
    "ModerationClaim": {"type": "object", "required": ["case_id", "claimed_until"],
                        "properties": {"case_id": {"type": "string", "format": "uuid"}, "claimed_until": date_time}},
    "ModerationDecisionInput": {
        "type": "object", "required": ["action", "reason"],
        "properties": {
            "action": {"type": "string", "enum": moderation_actions},
            "guideline": {"type": "string", "enum": guideline_ids, "description": "Required for every action but dismiss"},
            "reason": {"type": "string", "minLength": 10, "maxLength": 2000},
            "suspend_days": {"type": "integer", "minimum": 1, "maximum": 365},
            "suspend_for_good": {"type": "boolean"},
        },
    },
    "AppealDecisionInput": {"type": "object", "required": ["outcome", "reason"],
                            "properties": {"outcome": {"type": "string", "enum": ["upheld", "reversed"]},
                                           "reason": {"type": "string", "minLength": 10, "maxLength": 2000}}},
    "ModerationDecided": {"type": "object", "required": ["id", "case_id", "action", "reason"],
                          "properties": {"id": {"type": "string", "format": "uuid"}, "case_id": {"type": "string", "format": "uuid"},
                                         "action": {"type": "string", "enum": moderation_actions}, "guideline": nullable_text,
                                         "reason": {"type": "string"}, "suspended_until": {"type": ["string", "null"], "format": "date-time"},
                                         "appeal_outcome": nullable_text}},
    "CreatorDecision": {
        "type": "object",
        "required": ["id", "target_type", "excerpt", "action", "action_label", "reason", "created_at", "can_appeal"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "target_type": {"type": "string"}, "video_id": nullable_text,
            "excerpt": {"type": "string"}, "action": {"type": "string", "enum": moderation_actions}, "action_label": {"type": "string"},
            "guideline": nullable_text, "guideline_title": nullable_text, "reason": {"type": "string"}, "created_at": date_time,
            "suspended_until": {"type": ["string", "null"], "format": "date-time"}, "can_appeal": {"type": "boolean"},
            "appeal_note": nullable_text, "appealed_at": {"type": ["string", "null"], "format": "date-time"},
            "appeal_outcome": {"type": ["string", "null"], "enum": ["upheld", "reversed", None]}, "appeal_reason": nullable_text,
        },
    },
    "TransparencyPage": {
        "type": "object", "required": ["months"],
        "properties": {"months": {"type": "array", "items": {
            "type": "object",
            "required": ["month", "name", "reports_total", "reports_by_reason", "actions_by_kind", "actions_by_section",
                         "appeals", "reversals"],
            "properties": {"month": {"type": "string", "example": "2026-12"}, "name": {"type": "string"},
                           "reports_total": {"type": "integer"}, "reports_by_reason": count_rows,
                           "actions_by_kind": count_rows, "actions_by_section": count_rows,
                           "appeals": {"type": "integer"}, "reversals": {"type": "integer"},
                           "median_hours_to_decision": {"type": ["number", "null"]},
                           "median_to_decision": nullable_text}}}},
    },
})

# Practices and their members (issue 13): site admins.
practice_roles = ["clinician", "coordinator", "practice_admin"]
admins_only = problem(401, 403)
paths.update({
    "/api/v1/admin/practices": {
        "get": {"summary": "Every practice, by name (one page; admins only)", "operationId": "listPractices",
                "responses": {**ok(page_of("Practice")), **admins_only}},
        "post": {"summary": "Create a practice: name, description, website and the places it serves",
                 "description": "Places are ISO 3166-1 codes (IE) or ISO 3166-2 codes where licences are issued below "
                                "the country (US-CA), shown by name. Refused with the field named (422): no name or one "
                                "taken, a description over 500 characters, a website that is not http(s), no place or "
                                "an unknown code.",
                 "operationId": "createPractice", "requestBody": body(ref("PracticeInput")),
                 "responses": {**ok(ref("Practice"), "201", "Created"), **problem(401, 403, 422)}},
    },
    "/api/v1/admin/practices/{practiceID}": {
        "get": {"summary": "One practice with its members", "operationId": "getPractice", "parameters": [uuid_param("practiceID")],
                "responses": {**ok(ref("Practice")), **problem(401, 403, 404)}},
        "patch": {"summary": "Change a practice (fields left out keep their values)", "operationId": "updatePractice",
                  "parameters": [uuid_param("practiceID")], "requestBody": body(ref("PracticeInput")),
                  "responses": {**ok(ref("Practice")), **problem(401, 403, 404, 422)}},
    },
    "/api/v1/admin/practices/{practiceID}/members": {
        "post": {"summary": "Add an account to a practice as clinician, coordinator or practice admin",
                 "description": "A clinician belongs to one practice; a coordinator's account needs the coordinator "
                                "role; nobody holds the same role twice (422, naming the field).",
                 "operationId": "addPracticeMember", "parameters": [uuid_param("practiceID")],
                 "requestBody": body({"type": "object", "required": ["handle", "role"],
                                      "properties": {"handle": {"type": "string"},
                                                     "role": {"type": "string", "enum": practice_roles}}}),
                 "responses": {**ok(ref("Practice"), "201", "Added"), **problem(401, 403, 404, 422)}},
    },
    "/api/v1/admin/practices/{practiceID}/members/{memberID}": {
        "delete": {"summary": "Remove one role of one person from a practice", "operationId": "removePracticeMember",
                   "parameters": [uuid_param("practiceID"), uuid_param("memberID")],
                   "responses": {"204": {"description": "Removed"}, **problem(401, 403, 404)}},
    },
})
schemas.update({
    "PracticeInput": {"type": "object", "properties": {
        "name": {"type": "string", "maxLength": 120}, "description": {"type": "string", "maxLength": 500},
        "website": {"type": "string", "format": "uri"},
        "jurisdictions": {"type": "array", "items": {"type": "string"}, "description": "Codes such as US-CA or IE"}}},
    "Practice": {
        "type": "object", "required": ["id", "name", "description", "website", "jurisdictions", "created_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "name": {"type": "string"}, "description": {"type": "string"},
            "website": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
            "jurisdictions": {"type": "array", "items": {"type": "object", "required": ["code", "name"],
                                                         "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}},
            "members": {"type": "array", "description": "Only on one practice, not in the list",
                        "items": {"type": "object", "required": ["id", "handle", "display_name", "role", "role_label"],
                                  "properties": {"id": {"type": "string", "format": "uuid"}, "handle": {"type": "string"},
                                                 "display_name": {"type": "string"},
                                                 "role": {"type": "string", "enum": practice_roles},
                                                 "role_label": {"type": "string"}}}},
        },
    },
})

# Licence verification (issue 13): the applicant, the moderators' review, an admin's revocation,
# and the public record every badge links to.
licence_types = ["lmft", "lcsw", "lpc", "lmhc", "psychologist", "psychiatrist", "pmhnp", "other"]
licence_statuses = ["pending", "needs_info", "verified", "rejected", "revoked", "superseded"]
evidence_file = {"description": "The evidence file itself (PDF, JPEG or PNG), as it was sent",
                 "content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}}}
application_form = {"required": True, "content": {"multipart/form-data": {"schema": ref("LicenceApplicationInput")}}}
paths.update({
    "/api/v1/me/licences": {
        "get": {"summary": "Your licence applications and licences, newest first", "operationId": "myLicences",
                "responses": {**ok(page_of("LicenceApplication")), **problem(401)}},
        "post": {"summary": "Apply for licence verification, or renew a verified licence",
                 "description": "Multipart: the fields and the evidence file (PDF, JPEG or PNG by content, at most 10 MB). "
                                "A renewal is possible from 60 days before expiry; the badge stays while it is reviewed. "
                                "Refused with the field named (422): a missing name, type, number or jurisdiction, an "
                                "unknown code, an expiry in the past, a board link that is not http(s), evidence that is "
                                "missing, too large or not a PDF or image. 409 while another application is open, or "
                                "before the renewal window. Nothing is stored on a refusal.",
                 "operationId": "applyForLicence", "requestBody": application_form,
                 "responses": {**ok(ref("LicenceApplication"), "201", "Sent for review"), **problem(401, 403, 409, 422)}},
    },
    "/api/v1/me/licences/{licenceID}": {
        "put": {"summary": "Update an application a moderator asked more of; it goes back to the queue",
                "description": "The same fields; the evidence file is optional (without one the old file stays).",
                "operationId": "resubmitLicence", "parameters": [uuid_param("licenceID")], "requestBody": application_form,
                "responses": {**ok(ref("LicenceApplication")), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/me/licences/{licenceID}/evidence": {
        "get": {"summary": "Your own evidence file (audited)", "operationId": "myLicenceEvidence",
                "parameters": [uuid_param("licenceID")], "responses": {"200": evidence_file, **problem(401, 404)}},
    },
    "/api/v1/moderation/licences": {
        "get": {"summary": "Licence applications waiting for review, oldest first (moderators)", "operationId": "licenceQueue",
                "responses": {**ok(page_of("LicenceQueueItem")), **problem(401, 403)}},
    },
    "/api/v1/moderation/licences/{licenceID}": {
        "get": {"summary": "One application with the legal name and the board's lookup (moderators)",
                "operationId": "reviewLicence", "parameters": [uuid_param("licenceID")],
                "responses": {**ok(ref("LicenceApplication")), **problem(401, 403, 404)}},
    },
    "/api/v1/moderation/licences/{licenceID}/evidence": {
        "get": {"summary": "An application's evidence file; every opening is audit-logged (moderators)",
                "operationId": "reviewLicenceEvidence", "parameters": [uuid_param("licenceID")],
                "responses": {"200": evidence_file, **problem(401, 403, 404)}},
    },
    "/api/v1/moderation/licences/{licenceID}/decision": {
        "post": {"summary": "Approve (the badge and the clinician role until expiry), reject with a reason, or ask for more",
                 "description": "Nobody decides their own application (422). The applicant is notified.",
                 "operationId": "decideLicence", "parameters": [uuid_param("licenceID")],
                 "requestBody": body({"type": "object", "required": ["decision"], "properties": {
                     "decision": {"type": "string", "enum": ["approve", "reject", "ask_for_info"]},
                     "note": {"type": "string", "maxLength": 1000, "description": "Needed to reject or to ask for more"}}}),
                 "responses": {**ok(ref("LicenceApplication")), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/admin/licences/{licenceID}/revoke": {
        "post": {"summary": "Revoke a verified licence with a reason: the badge and the role end at once (admins)",
                 "operationId": "revokeLicence", "parameters": [uuid_param("licenceID")],
                 "requestBody": body({"type": "object", "required": ["reason"],
                                      "properties": {"reason": {"type": "string", "minLength": 5, "maxLength": 1000}}}),
                 "responses": {**ok(ref("LicenceApplication")), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/licences/{licenceID}": {
        "get": {"summary": "A verified licence's public record: type, place, number, the board's lookup, the practice",
                "description": "What a badge links to. No legal name. A licence that was never verified is not found; one "
                               "that expired, was revoked or renewed says so (is_current false).",
                "operationId": "publicLicence", "security": [], "parameters": [uuid_param("licenceID")],
                "responses": {**ok(ref("PublicLicence")), **problem(404)}},
    },
})
schemas.update({
    "LicenceApplicationInput": {"type": "object",
        "required": ["legal_name", "licence_type", "licence_number", "jurisdiction", "expires_on", "board_url", "evidence"],
        "properties": {
            "legal_name": {"type": "string", "maxLength": 120, "description": "Shown only to moderators"},
            "licence_type": {"type": "string", "enum": licence_types},
            "other_type": {"type": "string", "maxLength": 80, "description": "Needed when licence_type is other"},
            "licence_number": {"type": "string", "maxLength": 40},
            "jurisdiction": {"type": "string", "example": "US-CA", "description": "ISO 3166-2 or 3166-1 code"},
            "expires_on": {"type": "string", "format": "date"}, "board_url": {"type": "string", "format": "uri"},
            "practice_id": {"type": "string", "format": "uuid"},
            "evidence": {"type": "string", "format": "binary"}}},
    "LicenceApplication": {"type": "object",
        "required": ["id", "status", "status_label", "legal_name", "licence_type", "licence_type_label", "licence_number",
                     "jurisdiction", "jurisdiction_name", "expires_on", "board_url", "evidence_kind", "evidence_url",
                     "is_renewal", "submitted_at", "is_current"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "status": {"type": "string", "enum": licence_statuses},
            "status_label": {"type": "string"}, "legal_name": {"type": "string"}, "licence_type": {"type": "string", "enum": licence_types},
            "licence_type_label": {"type": "string"}, "other_type": nullable_text, "licence_number": {"type": "string"},
            "jurisdiction": {"type": "string"}, "jurisdiction_name": {"type": "string"}, "expires_on": {"type": "string", "format": "date"},
            "expires_on_text": {"type": "string"}, "board_url": {"type": "string"}, "practice_id": nullable_text, "practice_name": nullable_text,
            "evidence_kind": {"type": "string", "enum": ["pdf", "jpeg", "png"]}, "evidence_bytes": {"type": "integer"},
            "evidence_url": {"type": "string"}, "is_renewal": {"type": "boolean"}, "submitted_at": date_time,
            "submitted_text": {"type": "string"}, "review_note": nullable_text, "verified_at": {"type": ["string", "null"], "format": "date-time"},
            "revoke_reason": nullable_text, "is_current": {"type": "boolean"},
            "applicant_handle": {"type": ["string", "null"], "description": "Moderators' view only"},
            "applicant_display_name": nullable_text, "public_url": nullable_text}},
    "LicenceQueueItem": {"type": "object",
        "required": ["id", "applicant_handle", "licence_type_label", "jurisdiction_name", "is_renewal", "waiting", "submitted_at", "is_own"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "applicant_handle": {"type": "string"},
                       "licence_type_label": {"type": "string"}, "jurisdiction_name": {"type": "string"},
                       "is_renewal": {"type": "boolean"}, "waiting": {"type": "string"}, "submitted_at": date_time,
                       "is_own": {"type": "boolean"}}},
    "PublicLicence": {"type": "object",
        "required": ["id", "holder_handle", "holder_display_name", "licence_type", "jurisdiction", "jurisdiction_name",
                     "licence_number", "board_url", "expires_on", "is_current", "status"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "holder_handle": {"type": "string"},
                       "holder_display_name": {"type": "string"}, "licence_type": {"type": "string"},
                       "jurisdiction": {"type": "string"}, "jurisdiction_name": {"type": "string"},
                       "licence_number": {"type": "string"}, "board_url": {"type": "string"},
                       "practice_name": nullable_text, "practice_website": nullable_text, "verified_on": nullable_text,
                       "verified_month": nullable_text, "expires_on": {"type": "string", "format": "date"},
                       "expires_on_text": {"type": "string"}, "is_current": {"type": "boolean"},
                       "status": {"type": "string", "enum": licence_statuses}}},
    "LicenceBadge": {"type": "object", "required": ["licence_type", "jurisdiction", "jurisdiction_name", "verified", "url"],
        "description": "On a creator in every feed item while their licence is verified and not expired",
        "properties": {"licence_type": {"type": "string"}, "jurisdiction": {"type": "string"},
                       "jurisdiction_name": {"type": "string"}, "verified": {"type": "string", "example": "verified June 2026"},
                       "url": {"type": "string"}}},
})

# The "not a diagnosis" note (issue 14): a moderator's decision, the creator's one request for a
# second look, and the desk's list of requests.
paths.update({
    "/api/v1/moderation/videos/{videoID}/context": {
        "post": {"summary": "Show or hide a video's 'not a diagnosis' note by hand, or leave it to the classifier; the creator is told why",
                 "operationId": "decideContextNote", "parameters": [uuid_param("videoID")],
                 "requestBody": body({"type": "object", "required": ["decision", "reason"], "properties": {
                     "decision": {"type": "string", "enum": ["add", "remove", "automatic"]},
                     "reason": {"type": "string", "minLength": 10, "maxLength": 1000}}}),
                 "responses": {**ok(ref("Video")), **problem(401, 403, 404, 422)}},
    },
    "/api/v1/moderation/context-reviews": {
        "get": {"summary": "Videos whose creator asked for a second look at a moderator's decision on the note, oldest first",
                "operationId": "contextReviewRequests",
                "responses": {**ok(page_of("ContextReviewRequest")), **problem(401, 403)}},
    },
    "/api/v1/studio/videos/{videoID}/context-review": {
        "post": {"summary": "Ask, once, for a second look at a moderator's decision on one's own video's note",
                 "operationId": "requestContextReview", "security": signed_in, "parameters": [uuid_param("videoID")],
                 "responses": {**ok(ref("Video")), **problem(401, 403, 404, 409)}},
    },
})
schemas.update({
    "ContextReviewRequest": {"type": "object",
                             "required": ["video_id", "caption", "creator_handle", "state", "requested_at", "page_url"],
                             "properties": {"video_id": {"type": "string", "format": "uuid"}, "caption": {"type": "string"},
                                            "creator_handle": {"type": "string"}, "state": {"type": "string"},
                                            "requested_at": date_time, "page_url": {"type": "string"}}},
})

# Clinical claims held for review (issue 13), and every video's sources.
paths.update({
    "/api/v1/videos/{videoID}/sources": {
        "get": {"summary": "The sources a video lists (anyone who may watch it)", "operationId": "videoSources",
                "security": [{}, {"bearer": []}, {"session": []}], "parameters": [uuid_param("videoID")],
                "responses": {**ok(page_of("ClaimSource")), **problem(404)}},
    },
    "/api/v1/moderation/claims": {
        "get": {"summary": "Clinical claims held for review, oldest first (moderators)", "operationId": "claimQueue",
                "responses": {**ok(page_of("HeldClaim")), **problem(401, 403)}},
    },
    "/api/v1/moderation/claims/{videoID}/decision": {
        "post": {"summary": "Approve a held clinical claim, or publish it as another kind with the creator told why",
                 "operationId": "decideClaim", "parameters": [uuid_param("videoID")],
                 "requestBody": body({"type": "object", "required": ["decision"], "properties": {
                     "decision": {"type": "string", "enum": ["approve", "change_kind"]},
                     "content_kind": {"type": "string", "enum": ["personal_experience", "education", "coping_skill", "humor"]},
                     "reason": {"type": "string", "minLength": 10, "maxLength": 1000}}}),
                 "responses": {**ok(ref("Video")), **problem(401, 403, 404, 409, 422)}},
    },
})
schemas.update({
    "ClaimSource": {"type": "object", "required": ["title"],
                    "properties": {"title": {"type": "string", "maxLength": 300, "description": "A link's title, or a citation"},
                                   "url": {"type": ["string", "null"], "format": "uri"}}},
    "HeldClaim": {"type": "object",
                  "required": ["video_id", "caption", "creator_handle", "creator_display_name", "processing_state", "sources",
                               "waiting", "created_at", "is_own"],
                  "properties": {"video_id": {"type": "string", "format": "uuid"}, "caption": {"type": "string"},
                                 "creator_handle": {"type": "string"}, "creator_display_name": {"type": "string"},
                                 "processing_state": {"type": "string"}, "sources": {"type": "array", "items": ref("ClaimSource")},
                                 "waiting": {"type": "string"}, "created_at": date_time, "is_own": {"type": "boolean"}}},
})

# Clinicians' review notes (issue 14): written and rated by verified clinicians, replied to
# once by the video's creator, approved or removed by a moderator.
note_id = uuid_param("noteID")
paths.update({
    "/api/v1/videos/{videoID}/review-notes": {
        "get": {"summary": "The review notes on a video the caller may read: shown ones for everyone; the rest for clinicians, "
                           "moderators, the note's author and the video's creator. Shown first.",
                "operationId": "videoReviewNotes", "security": anyone, "parameters": [uuid_param("videoID")],
                "responses": {**ok(page_of("ReviewNote")), **problem(404)}},
        "post": {"summary": "Write a review note on someone else's video (verified clinicians; one each per video). The creator is told.",
                 "operationId": "writeReviewNote", "security": signed_in, "parameters": [uuid_param("videoID")],
                 "requestBody": body({"type": "object", "required": ["stance", "body", "citations"], "properties": {
                     "stance": {"type": "string", "enum": ["supports", "adds_context", "misleading"]},
                     "body": {"type": "string", "minLength": 20, "maxLength": 500},
                     "citations": {"type": "array", "minItems": 1, "maxItems": 5, "items": {"type": "string"},
                                   "description": "Each a link with its title, or a reference (a study, a guideline, a textbook)"}}}),
                 "responses": {**ok(ref("ReviewNote"), code="201", description="Written"), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/review-notes": {
        "get": {"summary": "Notes by other clinicians not shown yet that the caller has not rated, oldest first (verified clinicians)",
                "operationId": "reviewNotesToRate", "security": signed_in,
                "responses": {**ok(page_of("ReviewNote")), **problem(401, 403)}},
    },
    "/api/v1/review-notes/{noteID}": {
        "delete": {"summary": "Delete one's own review note, with its ratings and reply", "operationId": "deleteReviewNote",
                   "security": signed_in, "parameters": [note_id], "responses": {**no_content("Deleted"), **problem(401, 403, 404)}},
    },
    "/api/v1/review-notes/{noteID}/rating": {
        "put": {"summary": "Rate another clinician's note helpful or not (verified clinicians; changing one's rating replaces it)",
                "operationId": "rateReviewNote", "security": signed_in, "parameters": [note_id],
                "requestBody": body({"type": "object", "required": ["helpful"], "properties": {"helpful": {"type": "boolean"}}}),
                "responses": {**ok(ref("ReviewNote")), **problem(401, 403, 404, 422)}},
    },
    "/api/v1/review-notes/{noteID}/reply": {
        "post": {"summary": "The video's creator's one reply to a note on it, shown under the note", "operationId": "replyToReviewNote",
                 "security": signed_in, "parameters": [note_id],
                 "requestBody": body({"type": "object", "required": ["reply"], "properties": {"reply": {"type": "string", "minLength": 1, "maxLength": 500}}}),
                 "responses": {**ok(ref("ReviewNote")), **problem(401, 403, 404, 409, 422)}},
    },
    "/api/v1/moderation/review-notes/{noteID}/decision": {
        "post": {"summary": "Approve a note (it shows to everyone unless clinicians rate it unhelpful) or remove it with a reason",
                 "operationId": "decideReviewNote", "parameters": [note_id],
                 "requestBody": body({"type": "object", "required": ["decision"], "properties": {
                     "decision": {"type": "string", "enum": ["approved", "removed"]},
                     "reason": {"type": "string", "maxLength": 1000, "description": "Needed (10 characters or more) to remove"}}}),
                 "responses": {**ok(ref("ReviewNote")), **problem(401, 403, 404, 422)}},
    },
})
schemas.update({
    "ReviewNote": {"type": "object",
                   "required": ["id", "video_id", "video_url", "stance", "stance_label", "body", "citations", "author", "created_at",
                                "created_text", "status", "status_text", "helpful_count", "unhelpful_count", "viewer"],
                   "properties": {
                       "id": {"type": "string", "format": "uuid"}, "video_id": {"type": "string", "format": "uuid"},
                       "video_url": {"type": "string"},
                       "stance": {"type": "string", "enum": ["supports", "adds_context", "misleading"]}, "stance_label": {"type": "string"},
                       "body": {"type": "string"}, "citations": {"type": "array", "items": ref("ClaimSource")},
                       "author": {"type": "object", "required": ["handle", "display_name", "profile_url"],
                                  "properties": {"handle": {"type": "string"}, "display_name": {"type": "string"},
                                                 "profile_url": {"type": "string"}, "badge": ref("LicenceBadge")}},
                       "created_at": date_time, "created_text": {"type": "string"},
                       "status": {"type": "string", "enum": ["needs_ratings", "shown", "hidden"]}, "status_text": {"type": "string"},
                       "helpful_count": {"type": "integer"}, "unhelpful_count": {"type": "integer"},
                       "reply": {"type": "object", "required": ["text", "replied_at"],
                                 "properties": {"text": {"type": "string"}, "replied_at": date_time}},
                       "viewer": {"type": "object", "required": ["is_author", "may_rate", "may_reply", "may_moderate"],
                                  "properties": {"is_author": {"type": "boolean"}, "may_rate": {"type": "boolean"},
                                                 "rating": {"type": ["boolean", "null"], "description": "The caller's rating: true helpful"},
                                                 "may_reply": {"type": "boolean"}, "may_moderate": {"type": "boolean"}}}}},
})

# Crisis resources (issue 15): anyone reads them, admins keep them.
resource_fields = {
    "region": {"type": "string", "description": "An ISO 3166-1 alpha-2 code (US, GB, IE, CA...), or 'elsewhere' for the entries "
                                                "shown in regions that have none of their own"},
    "name": {"type": "string", "minLength": 2, "maxLength": 80},
    "call": {"type": ["string", "null"], "maxLength": 20, "description": "A number to call, as people write it ('116 123', '9-8-8')"},
    "text": {"type": ["string", "null"], "maxLength": 20, "description": "A number to text"},
    "text_keyword": {"type": ["string", "null"], "maxLength": 20, "description": "The word to text, such as HOME; needs `text`"},
    "chat_url": {"type": ["string", "null"], "format": "uri", "description": "An https link to a web chat"},
    "hours": {"type": "string", "maxLength": 80}, "languages": {"type": "string", "maxLength": 120},
    "note": {"type": ["string", "null"], "maxLength": 200},
    "emergency": {"type": "boolean", "description": "For immediate danger: listed as 'in immediate danger, call ...'"},
}
resource_id = uuid_param("resourceID")
paths.update({
    "/api/v1/crisis-resources": {
        "get": {"summary": "The crisis lines for a region: its own, or the 'elsewhere' entries when it has none",
                "description": "Without `region`: the caller's region (their setting), else the site's default "
                               "(MINDREEL_DEFAULT_REGION). Never chosen from the IP address.",
                "operationId": "listCrisisResources", "security": anyone,
                "parameters": [{"name": "region", "in": "query", "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                                "description": "An ISO 3166-1 alpha-2 code, in any case"}],
                "responses": {**ok(ref("CrisisResources")), **problem(400)}},
        "post": {"summary": "Add a crisis line (admin; audited as crisis_resource.create)", "operationId": "createCrisisResource",
                 "security": signed_in, "requestBody": body({"type": "object", "required": ["region", "name"], "properties": resource_fields}),
                 "responses": {**ok(ref("CrisisResource"), "201", "The new line"), **problem(401, 403, 422)}},
    },
    "/api/v1/crisis-resources/{resourceID}": {
        "patch": {"summary": "Change a crisis line: only the fields sent change; an empty string clears an optional one "
                             "(admin; audited)", "operationId": "updateCrisisResource", "security": signed_in,
                  "parameters": [resource_id], "requestBody": body({"type": "object", "properties": resource_fields}),
                  "responses": {**ok(ref("CrisisResource")), **problem(401, 403, 404, 422)}},
        "delete": {"summary": "Remove a crisis line (admin; audited)", "operationId": "deleteCrisisResource", "security": signed_in,
                   "parameters": [resource_id], "responses": {**no_content("Removed"), **problem(401, 403, 404)}},
    },
})
schemas.update({
    "CrisisResource": {"type": "object",
                       "required": ["id", "region", "name", "hours", "languages", "emergency", "links"],
                       "description": "Fields with no value are left out",
                       "properties": {"id": {"type": "string", "format": "uuid"}, **resource_fields,
                                      "links": {"type": "object", "properties": {
                                          "call": {"type": ["string", "null"], "description": "tel: link"},
                                          "text": {"type": ["string", "null"], "description": "sms: link, with the keyword as its body"},
                                          "chat": {"type": ["string", "null"]}}}}},
    "CrisisResources": {"type": "object", "required": ["region", "region_name", "fallback", "resources"],
                        "properties": {"region": {"type": "string"}, "region_name": {"type": "string"},
                                       "fallback": {"type": "boolean", "description": "The region has no lines of its own: these "
                                                                                      "are the 'elsewhere' entries"},
                                       "resources": {"type": "array", "items": ref("CrisisResource"),
                                                     "description": "Lines to talk to first, emergency numbers last"}}},
})

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
