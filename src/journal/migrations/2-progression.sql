-- Journal schema version 2: progression. Levels on checks and sessions, check-in details, pain
-- before and after a session, and the level changes themselves. Rows written at version 1 keep
-- their meaning: no level recorded on a check, a session at level 1 (the routine as written,
-- the only one there was), no flare-up, no ratings.

ALTER TABLE checks ADD COLUMN level INTEGER CHECK (level >= 1);
ALTER TABLE checks ADD COLUMN sessions_reported INTEGER CHECK (sessions_reported >= 0);
ALTER TABLE checks ADD COLUMN flare_up INTEGER NOT NULL DEFAULT 0 CHECK (flare_up IN (0, 1));

ALTER TABLE sessions ADD COLUMN level INTEGER NOT NULL DEFAULT 1 CHECK (level >= 1);
ALTER TABLE sessions ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);

CREATE TABLE level_changes (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    routine    TEXT    NOT NULL,
    from_level INTEGER NOT NULL CHECK (from_level >= 1),
    to_level   INTEGER NOT NULL CHECK (to_level >= 1),
    rule       TEXT    NOT NULL,
    reason     TEXT    NOT NULL
);
CREATE INDEX level_changes_at ON level_changes (at);
