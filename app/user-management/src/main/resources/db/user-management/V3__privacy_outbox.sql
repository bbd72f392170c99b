-- GDPR erasure fan-out (issue 10): one row per service that stores the user's data, written in the
-- same transaction as the local erasure, delivered by a background task until the service
-- acknowledges (DELETE /api/privacy/users/{id} answered 2xx). Retries back off; a request the
-- service refuses as wrong, or one out of attempts, is dead-lettered for an operator (never dropped).
CREATE TABLE privacy_outbox (
    id               BIGSERIAL   PRIMARY KEY,
    account_id       UUID        NOT NULL,
    service          TEXT        NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    acknowledged_at  TIMESTAMPTZ,
    dead_lettered_at TIMESTAMPTZ,
    last_error       TEXT,
    UNIQUE (account_id, service)
);
CREATE INDEX privacy_outbox_due ON privacy_outbox (next_attempt_at) WHERE acknowledged_at IS NULL AND dead_lettered_at IS NULL;
