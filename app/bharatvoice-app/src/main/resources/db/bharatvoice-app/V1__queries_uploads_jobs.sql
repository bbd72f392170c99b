-- BharatVoice's schema (the guide ran Alembic; the image's `migrate` argument runs these).
-- The worker reads and writes job_result; it ships the same files to check the schema is current.

-- Queries users asked, for their history; the answer is recomputed, only its topic is kept.
CREATE TABLE query_log (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    text       TEXT NOT NULL,
    language   TEXT NOT NULL,
    script     TEXT NOT NULL,
    topic      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX query_log_user ON query_log (user_id, created_at DESC);

-- Audio a user uploaded to DATA_DIR, and the job that processes it.
CREATE TABLE voice_upload (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    path         TEXT NOT NULL,
    bytes        BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    language     TEXT,
    job_id       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX voice_upload_user ON voice_upload (user_id, created_at DESC);

-- Final outcome of each background job, written by the worker (Redis keeps live state only).
CREATE TABLE job_result (
    job_id      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    result      TEXT,
    error       TEXT,
    finished_at TIMESTAMPTZ NOT NULL
);
