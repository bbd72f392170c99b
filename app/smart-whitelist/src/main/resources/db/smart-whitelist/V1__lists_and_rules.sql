-- Per-user allow and block lists. Contacts imported from the phone are ALLOW entries with source CONTACT.
CREATE TABLE list_entry (
    id          BIGSERIAL PRIMARY KEY,
    user_id     TEXT        NOT NULL,
    number      TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('ALLOW', 'BLOCK')),
    source      TEXT        NOT NULL CHECK (source IN ('MANUAL', 'CONTACT')),
    label       TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, number)
);

-- Rules: a number pattern and/or a weekly time window mapped to an action; lowest priority first.
CREATE TABLE rule (
    id          BIGSERIAL PRIMARY KEY,
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    pattern     TEXT,
    days        TEXT,
    start_time  TIME,
    end_time    TIME,
    time_zone   TEXT,
    action      TEXT        NOT NULL CHECK (action IN ('PUT_THROUGH', 'AI_ANSWER', 'BLOCK')),
    priority    INT         NOT NULL DEFAULT 100,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rule_user ON rule (user_id, priority, id);
