-- Journal schema version 1: the checks and the routines played.
--
-- Times are RFC 3339 in UTC with nine decimal places (2025-03-01T07:12:45.123456789Z): readable
-- in the sqlite3 shell, and the same width always, so sorting the text sorts by time.

-- Marks the file as a backcare journal ('BkCr'), so another program's database given by mistake
-- is refused instead of having tables added to it.
PRAGMA application_id = 1114325874;

CREATE TABLE checks (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    kind          TEXT    NOT NULL CHECK (kind IN ('check', 'checkin')),
    answers       TEXT    NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    urgency       TEXT    NOT NULL CHECK (urgency IN ('self_care', 'appointment', 'soon', 'urgent', 'emergency')),
    routine       TEXT,
    pain          INTEGER CHECK (pain BETWEEN 0 AND 10),
    trend         TEXT,
    stopped_early INTEGER NOT NULL CHECK (stopped_early IN (0, 1)),
    rules         TEXT    NOT NULL
);
CREATE INDEX checks_at ON checks (at);

CREATE TABLE sessions (
    id      INTEGER PRIMARY KEY,
    at      TEXT    NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    routine TEXT    NOT NULL,
    steps   INTEGER NOT NULL CHECK (steps >= 0),
    done    INTEGER NOT NULL CHECK (done >= 0),
    skipped INTEGER NOT NULL CHECK (skipped >= 0),
    seconds INTEGER NOT NULL CHECK (seconds >= 0),
    quit    INTEGER NOT NULL CHECK (quit IN (0, 1)),
    rules   TEXT    NOT NULL
);
CREATE INDEX sessions_at ON sessions (at);
