-- Account lockout after repeated wrong passwords (issue 10, core AccountLockout): failures in a row,
-- lockouts since the last successful login (each doubles the next), and the end of the current one.
ALTER TABLE user_account ADD COLUMN failed_logins INT NOT NULL DEFAULT 0;
ALTER TABLE user_account ADD COLUMN lockouts INT NOT NULL DEFAULT 0;
ALTER TABLE user_account ADD COLUMN locked_until TIMESTAMPTZ;
