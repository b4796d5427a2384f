"""`mindreel seed --demo`, checked on the demo server's own data (the seed the other demo tests
use, so it is made once per run): an account for every staff role, two clinicians verified through
approved licence applications in a demo practice and one application waiting, the narrated and
captioned videos ready and spread over two weeks, a community around them, and a second run that
adds nothing. Read from the server's SQLite file, as an operator would."""

from __future__ import annotations

import datetime as dt
import sqlite3

from support import log_in, wait_for

DEMO_VIDEOS = 26
DEMO_STAFF = {"demo_member": None, "demo_moderator": "moderator", "demo_coordinator": "coordinator", "demo_admin": "admin"}


def read_only(server) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{server.data_dir / 'mindreel.sqlite'}?mode=ro", uri=True, timeout=10)


def as_date(value) -> dt.date:
    """Fluent keeps dates in SQLite as seconds since 1970 (a number) or as ISO 8601 text."""
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value, dt.timezone.utc).date()
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(dt.timezone.utc).date()


def community_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in ("users", "videos", "video_reactions", "comments", "follows", "video_views", "user_roles", "moderation_cases", "reports", "licences", "practice_members", "review_notes")}


def test_seed_demo_makes_every_role_ready_videos_over_two_weeks_and_a_community_and_a_second_run_adds_nothing(demo_server, driver):
    with read_only(demo_server) as db:
        roles = dict(db.execute("SELECT u.handle, r.role FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.handle LIKE 'demo_%'").fetchall())
        for handle, role in DEMO_STAFF.items():
            assert handle in roles, f"{handle} was not made"
            assert roles[handle] == role, f"{handle} has role {roles[handle]!r}, expected {role!r}"
        assert set(demo_server.creators) <= set(roles), "a demo creator is missing"
        # Two verified clinicians, each through an approved application with its evidence; one
        # application waits for demo_moderator. The clinician role comes only from a licence.
        clinicians = {h for (h,) in db.execute("SELECT u.handle FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'clinician'")}
        assert clinicians == {"demo_ana_counsellor", "demo_lee_psychologist"}, clinicians
        licences = {h: (status, key) for h, status, key in db.execute("SELECT u.handle, l.status, l.evidence_key FROM licences l JOIN users u ON u.id = l.user_id WHERE l.legal_name <> 'Maya Okonkwo-Reyes' AND u.handle LIKE 'demo%'")}
        assert {h: s for h, (s, _) in licences.items()} == {"demo_ana_counsellor": "verified", "demo_lee_psychologist": "verified", "demo_noor_explains": "pending"}, licences
        for handle, (_status, key) in licences.items():
            evidence = demo_server.data_dir / "media" / key
            assert evidence.read_bytes().startswith(b"%PDF-1.4") and evidence.read_bytes().rstrip().endswith(b"%%EOF"), f"{handle}'s evidence is not a PDF"
        members = set(db.execute("SELECT u.handle, m.role FROM practice_members m JOIN users u ON u.id = m.user_id JOIN practices p ON p.id = m.practice_id WHERE p.name = 'Harbour Counselling Collective'"))
        assert {("demo_ana_counsellor", "clinician"), ("demo_lee_psychologist", "clinician"), ("demo_coordinator", "coordinator"), ("demo_lee_psychologist", "practice_admin")} <= members, members
        # A verified clinician's clinical claim is published directly, with its sources.
        claims = db.execute("SELECT v.publication_state, COUNT(s.id) FROM videos v JOIN video_sources s ON s.video_id = v.id WHERE v.content_kind = 'clinical_claim' GROUP BY v.id").fetchall()
        assert claims == [("published", 2)], claims
        # One clinician's review note shown publicly: Ana's, approved by demo_moderator, with Maya's reply.
        notes = db.execute(
            "SELECT a.handle, m.handle, n.moderator_decision, n.reply IS NOT NULL FROM review_notes n JOIN users a ON a.id = n.author_id JOIN users m ON m.id = n.moderator_id"
        ).fetchall()
        assert ("demo_ana_counsellor", "demo_moderator", "approved", 1) in notes, notes

        videos = db.execute("SELECT v.id, v.caption, v.processing_state, v.captions_key, v.transcript, v.created_at, v.ready_at, u.handle FROM videos v JOIN users u ON u.id = v.owner_id").fetchall()
        assert len(videos) == DEMO_VIDEOS
        for _id, caption, state, captions, transcript, _created, _ready, _owner in videos:
            assert state == "ready" and captions and transcript, f"{caption!r}: {state}, captions {captions!r}, transcript {bool(transcript)}"
        assert {row[7] for row in videos} == set(demo_server.creators), "every demo creator has videos"
        posted_days = {as_date(row[5]) for row in videos}
        assert len(posted_days) > 5, f"the demo videos are not spread over days: {sorted(posted_days)}"
        for video_id, caption, _state, _captions, _transcript, created, ready, _owner in videos:
            assert as_date(ready) >= as_date(created), caption
            days = [dt.date.fromisoformat(day) for (day,) in db.execute("SELECT day FROM video_views WHERE video_id = ?", (video_id,))]
            assert days, f"{caption!r} has no views"
            assert min(days) >= as_date(created), f"{caption!r}: viewed on {min(days)}, before it was posted on {as_date(created)}"
        assert db.execute("SELECT COUNT(DISTINCT topic_id) FROM video_topics").fetchone()[0] >= 8
        # demo_moderator finds a queue: a self-harm risk report on a comment, a misinformation one on a video.
        # (Other tests may decide or add cases on this shared server; the seeded two are there.)
        cases = set(db.execute("SELECT target_type, top_reason FROM moderation_cases").fetchall())
        assert {("comment", "self_harm_risk"), ("video", "misinformation")} <= cases, cases
        before = community_counts(db)
    assert all(before[table] > 0 for table in ("video_reactions", "comments", "follows", "video_views")), before

    again = demo_server.seed_again()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "exist already" in again.stdout + again.stderr, again.stdout
    with read_only(demo_server) as db:
        assert community_counts(db) == before, "a second seed changed the demo data"

    # The staff accounts log in with the passwords the README gives.
    log_in(driver, demo_server, "demo_admin", "demo-admin-pass-42")
    wait_for(driver, lambda d: d.find_elements("css selector", "#nav-admin-topics"), "demo_admin is not signed in as an admin")
