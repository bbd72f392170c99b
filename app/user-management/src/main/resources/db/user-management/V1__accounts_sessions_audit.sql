CREATE TABLE account (
    id             UUID        PRIMARY KEY,
    email          TEXT        NOT NULL UNIQUE,
    display_name   TEXT        NOT NULL DEFAULT '',
    password_hash  TEXT,
    roles          TEXT        NOT NULL DEFAULT 'user',
    mfa_secret     TEXT,
    mfa_enabled    BOOLEAN     NOT NULL DEFAULT FALSE,
    -- The last TOTP time step accepted: a code is accepted once only (RFC 6238 §5.2).
    mfa_last_step  BIGINT      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at      TIMESTAMPTZ
);

-- A login on one device. A session is also one refresh-token family: reuse of a rotated token revokes it.
CREATE TABLE session (
    id                 UUID        PRIMARY KEY,
    account_id         UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    device_fingerprint TEXT        NOT NULL,
    device_label       TEXT        NOT NULL DEFAULT '',
    ip                 TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at         TIMESTAMPTZ,
    revoke_reason      TEXT
);
CREATE INDEX session_account ON session (account_id, created_at);

CREATE TABLE refresh_token (
    jti         UUID        PRIMARY KEY,
    session_id  UUID        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);

-- Sensitive operations. No foreign key: the trail outlives an erased account (pseudonymised, see retention).
CREATE TABLE audit_event (
    id          BIGSERIAL   PRIMARY KEY,
    account_id  UUID,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    detail      TEXT        NOT NULL DEFAULT '',
    ip          TEXT,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_event_account ON audit_event (account_id, at);
CREATE INDEX audit_event_at ON audit_event (at);
