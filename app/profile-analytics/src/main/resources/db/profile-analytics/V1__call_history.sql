-- One row per finished call, posted by the services that handled it. call_id makes posting idempotent.
CREATE TABLE call_record (
    id               BIGSERIAL PRIMARY KEY,
    call_id          TEXT        NOT NULL UNIQUE,
    user_id          TEXT        NOT NULL,
    caller_number    TEXT        NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    duration_seconds INT         NOT NULL CHECK (duration_seconds >= 0),
    outcome          TEXT        NOT NULL CHECK (outcome IN ('PUT_THROUGH', 'AI_HANDLED', 'BLOCKED', 'MISSED')),
    spam_category    TEXT        NOT NULL DEFAULT 'NONE',
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX call_record_caller ON call_record (caller_number, started_at);
CREATE INDEX call_record_user ON call_record (user_id, started_at);
CREATE INDEX call_record_started ON call_record (started_at);

-- A user's report that a caller is spam; one per user and caller (a second report updates the category).
CREATE TABLE spam_report (
    user_id       TEXT        NOT NULL,
    caller_number TEXT        NOT NULL,
    category      TEXT        NOT NULL,
    reported_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, caller_number)
);
