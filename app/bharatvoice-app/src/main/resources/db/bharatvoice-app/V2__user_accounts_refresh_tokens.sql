-- BharatVoice users (POST /api/auth/register) and their login sessions. A user signs in with an
-- email address or a phone number (E.164) and a password (bcrypt; the password itself is never stored).
CREATE TABLE user_account (
    id                 UUID        PRIMARY KEY,
    email              TEXT        UNIQUE,
    phone              TEXT        UNIQUE,
    password_hash      TEXT        NOT NULL,
    preferred_language TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT user_account_has_login CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

-- One login = one refresh-token family. Presenting a token that was already rotated revokes the
-- family: every token in it stops working and the user must log in again.
CREATE TABLE auth_session (
    id            UUID        PRIMARY KEY,
    user_id       UUID        NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    revoke_reason TEXT
);
CREATE INDEX auth_session_user ON auth_session (user_id, created_at);

-- Refresh tokens are opaque random strings (256 bits); only their SHA-256 is kept, so a copy of
-- this table cannot be replayed. used_at is set when a token is exchanged for the next one.
CREATE TABLE refresh_token (
    token_hash  TEXT        PRIMARY KEY,
    session_id  UUID        NOT NULL REFERENCES auth_session (id) ON DELETE CASCADE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);
