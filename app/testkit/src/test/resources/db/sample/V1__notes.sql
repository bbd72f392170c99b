CREATE TABLE note (
    id      BIGSERIAL PRIMARY KEY,
    owner   TEXT NOT NULL,
    text    TEXT NOT NULL
);
