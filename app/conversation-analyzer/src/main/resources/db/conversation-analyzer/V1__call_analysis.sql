-- One analysis per finished call. The transcript itself is not kept (data minimisation): only
-- what the analysis derived from it. reported_at stays NULL until profile-analytics acknowledged
-- the call's outcome; a background task retries those.
CREATE TABLE call_analysis (
    call_id          TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL,
    caller_number    TEXT,
    started_at       TIMESTAMPTZ NOT NULL,
    duration_seconds INTEGER NOT NULL,
    outcome          TEXT NOT NULL,
    turns            INTEGER NOT NULL,
    summary          TEXT NOT NULL,
    sentiment        TEXT NOT NULL,
    sentiment_score  DOUBLE PRECISION NOT NULL,
    category         TEXT NOT NULL,
    quality          DOUBLE PRECISION NOT NULL,
    analyzer         TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    reported_at      TIMESTAMPTZ
);
CREATE INDEX call_analysis_user ON call_analysis (user_id, created_at DESC);
CREATE INDEX call_analysis_unreported ON call_analysis (created_at) WHERE reported_at IS NULL AND caller_number IS NOT NULL;
