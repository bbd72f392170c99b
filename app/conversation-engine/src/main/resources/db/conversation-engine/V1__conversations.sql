-- One dialog per call, and its turns. Redis holds the recent turns of live calls; this is the record.
CREATE TABLE conversation (
    call_id       TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL,
    caller_number TEXT,
    state         TEXT NOT NULL,
    last_intent   TEXT,
    turns         INTEGER NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversation_user ON conversation (user_id, started_at DESC);

CREATE TABLE conversation_turn (
    call_id     TEXT NOT NULL REFERENCES conversation (call_id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    caller_text TEXT NOT NULL,
    intent      TEXT NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL,
    reply       TEXT NOT NULL,
    provider    TEXT NOT NULL,
    quality     DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (call_id, seq)
);
