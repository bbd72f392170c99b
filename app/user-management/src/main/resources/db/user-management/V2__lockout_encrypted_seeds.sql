-- Account lockout after repeated wrong passwords or TOTP codes (issue 10): failures in a row,
-- lockouts since the last successful login (each doubles the next), and the end of the current one.
ALTER TABLE account ADD COLUMN failed_logins INT NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN lockouts INT NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN locked_until TIMESTAMPTZ;
-- mfa_secret now holds the seed encrypted (AES-256-GCM, "v1:" prefix); plaintext seeds left from
-- before are encrypted by the service when it starts (it holds the key, a migration does not).
