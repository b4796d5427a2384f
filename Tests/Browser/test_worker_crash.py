"""A worker killed with SIGKILL in the middle of a transcode: no ffmpeg outlives it, and after a
new worker starts, the job completes once, with one set of outputs.

A system test, no browser: its own `mindreel serve` (no in-process worker) and a separate
`mindreel worker`, on SQLite in a temporary data directory, driven through the API with a bearer
token as an app would.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from processes import (
    ARTIFACTS,
    Api,
    Processes,
    ffmpeg_processes_using,
    ffprobe,
    free_port,
    jobs_for_video,
    log_tail,
    make_clip,
    mindreel_binary,
    mindreel_env,
    wait_until,
)

# Long and large enough that the 720p transcode takes several seconds here (about 7 s on two
# cores), so the kill lands in the middle of it.
CLIP_SECONDS = 20
CLIP_SIZE = (1080, 1920)
LEASE_SECONDS = 3
READY_SECONDS = 120


@pytest.fixture(scope="module")
def big_clip(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("clips") / "portrait-1080x1920.mp4", CLIP_SECONDS, *CLIP_SIZE, preset="ultrafast")


def test_a_worker_killed_mid_transcode_leaves_no_ffmpeg_and_the_job_completes_once(tmp_path, big_clip):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    logs = ARTIFACTS / "worker-crash"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = mindreel_env(
        data_dir,
        base_url,
        MINDREEL_IN_PROCESS_WORKER="false",
        MINDREEL_JOB_LEASE_SECONDS=str(LEASE_SECONDS),
    )
    database = data_dir / "mindreel.sqlite"

    with Processes(mindreel_binary()) as processes:
        processes.serve(env, port, logs / "serve.log")
        api = Api(base_url)
        status, _, body = api.call("GET", "/api/v1/topics")
        assert status == 200, f"GET /api/v1/topics answered {status}: this server has no video API yet ({body[:200]!r})"
        first_worker = processes.start("worker", ["worker"], env, logs / "worker-1.log")

        api.sign_up_with_token("crash")
        upload_id = api.upload(big_clip)
        video = api.json(
            "POST",
            "/api/v1/videos",
            {
                "upload_id": upload_id,
                "caption": "A long clip for the crash test",
                "topic_ids": api.topic_ids()[:1],
                "hashtags": [],
                "content_kind": "education",
                "visibility": "private",
            },
            expect=(201,),
        )
        video_id = video["id"].lower()
        path = f"/api/v1/videos/{video_id}"

        # Mid-transcode: the worker has reported progress.
        seen: list[tuple[str, float]] = []

        def transcoding_under_way():
            item = api.json("GET", path)
            seen.append((item["processing_state"], item["progress"]))
            assert item["processing_state"] not in ("ready", "failed"), (
                f"the video became {item['processing_state']} before the worker could be killed "
                f"({item.get('failure_reason')!r}); states seen: {seen[-10:]}"
            )
            return item["processing_state"] == "transcoding" and item["progress"] > 0

        wait_until(transcoding_under_way, 90, lambda: f"the video is not transcoding with progress; seen: {seen[-10:]}", interval=0.1)
        assert ffmpeg_processes_using(data_dir), "the video is transcoding, but no ffmpeg reads from the data directory"
        assert first_worker.alive(), f"the worker exited early:\n{log_tail(first_worker.log_path)}"

        first_worker.kill()
        killed_at = time.monotonic()
        wait_until(
            lambda: not ffmpeg_processes_using(data_dir),
            2,
            lambda: f"ffmpeg outlived its SIGKILLed worker: {ffmpeg_processes_using(data_dir)}",
            interval=0.05,
        )
        orphan_seconds = time.monotonic() - killed_at
        item = api.json("GET", path)
        assert item["processing_state"] == "transcoding", f"after the kill, the video is {item['processing_state']}"

        processes.start("worker", ["worker"], env, logs / "worker-2.log")

        def ready():
            item = api.json("GET", path)
            assert item["processing_state"] != "failed", f"the video failed after the restart: {item.get('failure_reason')!r}"
            return item if item["processing_state"] == "ready" else None

        item = wait_until(ready, READY_SECONDS, "the video does not become ready after a new worker starts", interval=0.5)
        renditions = {r["name"]: r for r in item["renditions"]}
        assert "720p" in renditions, item["renditions"]

        # The 360p rendition follows as its own job; then every job of the video is done.
        def all_jobs_done():
            jobs = jobs_for_video(database, video_id)
            return jobs if jobs and all(job["state"] in ("succeeded", "failed") for job in jobs) else None

        jobs = wait_until(all_jobs_done, READY_SECONDS, lambda: f"jobs not finished: {[dict(j) for j in jobs_for_video(database, video_id)]}")
        by_kind = {}
        for job in jobs:
            by_kind.setdefault(job["kind"], []).append(job)
        process_jobs = by_kind.get("video.process", [])
        assert len(process_jobs) == 1, f"expected one video.process job, found {[dict(j) for j in process_jobs]}"
        assert process_jobs[0]["state"] == "succeeded", dict(process_jobs[0])
        assert process_jobs[0]["attempts"] == 2, f"the job ran {process_jobs[0]['attempts']} times, expected 2 (killed once, then done)"
        rendition_jobs = by_kind.get("video.rendition", [])
        assert len(rendition_jobs) == 1 and rendition_jobs[0]["state"] == "succeeded", [dict(j) for j in rendition_jobs]

        # Exactly one set of outputs, and nothing left in the work folder.
        folder = data_dir / "media" / "videos" / video_id
        files = sorted(p.name for p in folder.iterdir())
        assert files == ["360p.mp4", "720p.mp4", "poster.jpg"], f"{folder} holds {files}"
        work = data_dir / "work"
        leftovers = sorted(str(p.relative_to(work)) for p in work.rglob("*")) if work.exists() else []
        job_ids = {str(job["id"]).lower() for job in jobs}
        assert not [p for p in leftovers if p.split("/")[0].lower() in job_ids], f"work/ still holds {leftovers}"
        assert not leftovers, f"work/ is not empty once every job is done: {leftovers}"

        # The 720p rendition plays: a video stream of the clip's length, 720×1280.
        probe = ffprobe(folder / "720p.mp4")
        video_streams = [s for s in probe["streams"] if s["codec_type"] == "video"]
        assert len(video_streams) == 1, probe["streams"]
        stream = video_streams[0]
        assert (stream["codec_name"], stream["width"], stream["height"]) == ("h264", 720, 1280), stream
        duration = float(probe["format"]["duration"])
        assert abs(duration - CLIP_SECONDS) < 0.5, f"the 720p rendition lasts {duration} s, the clip {CLIP_SECONDS} s"

        processes.stop_all()
        assert not ffmpeg_processes_using(data_dir), f"ffmpeg left running after everything stopped: {ffmpeg_processes_using(data_dir)}"
        print(f"ffmpeg gone {orphan_seconds:.2f} s after SIGKILL; ready after restart; states seen before the kill: {seen[-3:]}")
