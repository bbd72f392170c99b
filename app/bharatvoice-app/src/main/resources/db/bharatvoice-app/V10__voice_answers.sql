-- A voice query's outcome (issue 14), written by the worker: what the recording said, in which language,
-- the answer and where its spoken audio is (relative to DATA_DIR; only the uploading user may fetch it).
-- One row per upload. Kept for the configured retention and erased with the user together with the
-- upload's voice_upload row and both files. Numbered apart from V4-V9 so the privacy work's migrations
-- (issue 10, in progress) can land below it.
CREATE TABLE voice_answer (
    upload_id   TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    transcript  TEXT NOT NULL,
    language    TEXT NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    topic       TEXT NOT NULL,
    answer      TEXT NOT NULL,
    audio_path  TEXT NOT NULL,
    audio_bytes BIGINT NOT NULL,
    provider    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX voice_answer_user ON voice_answer (user_id, created_at);
