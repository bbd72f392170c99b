-- GDPR export, erasure and retention for BharatVoice's own users (issue 10).

-- Whose job it was, for any kind of job (the worker copies the payload's userId): erasure and export
-- find a user's jobs here as well as through their uploads.
ALTER TABLE job_result ADD COLUMN user_id TEXT;
UPDATE job_result r SET user_id = u.user_id FROM voice_upload u WHERE u.job_id = r.job_id;
CREATE INDEX job_result_user ON job_result (user_id);
CREATE INDEX job_result_finished ON job_result (finished_at);
CREATE INDEX voice_upload_created ON voice_upload (created_at);
CREATE INDEX voice_upload_job ON voice_upload (job_id);

-- Who exported or erased whose data, and when: pseudonymous (a user id, an actor id or 'self', no
-- address, no content). An 'erasure' row also keeps the user erased: a write for them that was in
-- flight (an upload, a running job) finds it and writes nothing (ErasedUsers).
CREATE TABLE privacy_event (
    id      BIGSERIAL   PRIMARY KEY,
    user_id TEXT        NOT NULL,
    action  TEXT        NOT NULL CHECK (action IN ('export', 'erasure')),
    actor   TEXT        NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    detail  TEXT        NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX privacy_event_erasure ON privacy_event (user_id) WHERE action = 'erasure';
CREATE INDEX privacy_event_user ON privacy_event (user_id, at);
