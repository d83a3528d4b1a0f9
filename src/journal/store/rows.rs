//! The records as table rows: one INSERT, one "is it already there" and one SELECT per table,
//! each a cached prepared statement, and the checks that what is read back is a valid record.

use super::error::Fault;
use crate::Urgency;
use crate::journal::{CheckKind, CheckRecord, LevelChange, SessionRecord};
use jiff::Timestamp;
use rusqlite::types::FromSql;
use rusqlite::{Connection, Row, params};

/// A time as stored: RFC 3339 in UTC with nine decimal places, so every value has the same
/// width and sorting the text sorts by time (the schema's CHECK holds the shape).
pub(super) fn stamp(at: Timestamp) -> String {
    format!("{at:.9}")
}

const INSERT_CHECK: &str = "INSERT INTO checks (at, kind, answers, urgency, routine, level, pain, \
     trend, sessions_reported, flare_up, stopped_early, rules) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
// `IS` rather than `=` so that two NULLs count as the same value; `at = ?1` uses the index.
const CHECK_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM checks WHERE at = ?1 AND kind = ?2 \
     AND answers = ?3 AND urgency = ?4 AND routine IS ?5 AND level IS ?6 AND pain IS ?7 \
     AND trend IS ?8 AND sessions_reported IS ?9 AND flare_up = ?10 AND stopped_early = ?11 \
     AND rules = ?12)";
const SELECT_CHECKS: &str = "SELECT id, at, kind, answers, urgency, routine, level, pain, trend, \
     sessions_reported, flare_up, stopped_early, rules FROM checks ORDER BY at, id";
/// The same, with the answers of only the rows a check-in reads (the last full check and the
/// last row); the others come back NULL. Parsing ten years of answers is most of the cost of
/// reading a journal, and `progress` needs none of them.
const SELECT_CHECKS_RECENT_ANSWERS: &str = "SELECT id, at, kind, \
     CASE WHEN id IN ((SELECT id FROM checks WHERE kind = 'check' ORDER BY at DESC, id DESC \
     LIMIT 1), (SELECT id FROM checks ORDER BY at DESC, id DESC LIMIT 1)) THEN answers END, \
     urgency, routine, level, pain, trend, sessions_reported, flare_up, stopped_early, rules \
     FROM checks ORDER BY at, id";

const INSERT_SESSION: &str = "INSERT INTO sessions (at, routine, level, steps, done, skipped, \
     seconds, quit, pain_before, pain_after, rules) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
const SESSION_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM sessions WHERE at = ?1 \
     AND routine = ?2 AND level = ?3 AND steps = ?4 AND done = ?5 AND skipped = ?6 \
     AND seconds = ?7 AND quit = ?8 AND pain_before IS ?9 AND pain_after IS ?10 AND rules = ?11)";
const SELECT_SESSIONS: &str = "SELECT id, at, routine, level, steps, done, skipped, seconds, \
     quit, pain_before, pain_after, rules FROM sessions ORDER BY at, id";

const INSERT_LEVEL_CHANGE: &str = "INSERT INTO level_changes (at, routine, from_level, \
     to_level, rule, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const LEVEL_CHANGE_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM level_changes WHERE at = ?1 \
     AND routine = ?2 AND from_level = ?3 AND to_level = ?4 AND rule = ?5 AND reason = ?6)";
const SELECT_LEVEL_CHANGES: &str = "SELECT id, at, routine, from_level, to_level, rule, reason \
     FROM level_changes ORDER BY at, id";

/// Adds `check` unless `only_new` and an identical row is already there; true when added.
pub(super) fn put_check(conn: &Connection, c: &CheckRecord, only_new: bool) -> Result<bool, Fault> {
    if let Some(problem) = c.problem() {
        return Err(Fault::Refused(problem));
    }
    let answers =
        serde_json::to_string(&c.answers).map_err(|e| Fault::Refused(format!("answers: {e}")))?;
    let values = params![
        stamp(c.at),
        c.kind.as_str(),
        answers,
        c.urgency.as_str(),
        c.routine,
        c.level,
        c.pain,
        c.trend,
        c.sessions_reported,
        c.flare_up,
        c.stopped_early,
        c.rules,
    ];
    put(conn, CHECK_EXISTS, INSERT_CHECK, values, only_new)
}

pub(super) fn put_session(
    conn: &Connection,
    s: &SessionRecord,
    only_new: bool,
) -> Result<bool, Fault> {
    if let Some(problem) = s.problem() {
        return Err(Fault::Refused(problem));
    }
    let seconds =
        i64::try_from(s.seconds).map_err(|_| Fault::Refused("seconds: too large".into()))?;
    let values = params![
        stamp(s.at),
        s.routine,
        s.level,
        s.steps,
        s.done,
        s.skipped,
        seconds,
        s.quit,
        s.pain_before,
        s.pain_after,
        s.rules,
    ];
    put(conn, SESSION_EXISTS, INSERT_SESSION, values, only_new)
}

pub(super) fn put_level_change(
    conn: &Connection,
    l: &LevelChange,
    only_new: bool,
) -> Result<bool, Fault> {
    if let Some(problem) = l.problem() {
        return Err(Fault::Refused(problem));
    }
    let values = params![stamp(l.at), l.routine, l.from, l.to, l.rule, l.reason];
    put(
        conn,
        LEVEL_CHANGE_EXISTS,
        INSERT_LEVEL_CHANGE,
        values,
        only_new,
    )
}

fn put(
    conn: &Connection,
    exists: &str,
    insert: &str,
    values: &[&dyn rusqlite::ToSql],
    only_new: bool,
) -> Result<bool, Fault> {
    if only_new {
        let there: bool = conn
            .prepare_cached(exists)?
            .query_row(values, |r| r.get(0))?;
        if there {
            return Ok(false);
        }
    }
    conn.prepare_cached(insert)?.execute(values)?;
    Ok(true)
}

pub(super) fn checks(conn: &Connection) -> Result<Vec<CheckRecord>, Fault> {
    checks_from(conn, SELECT_CHECKS)
}

/// Every check, with the answers only of the last full check and the last row (`Value::Null`
/// for the others).
pub(super) fn checks_with_recent_answers(conn: &Connection) -> Result<Vec<CheckRecord>, Fault> {
    checks_from(conn, SELECT_CHECKS_RECENT_ANSWERS)
}

fn checks_from(conn: &Connection, sql: &str) -> Result<Vec<CheckRecord>, Fault> {
    read(conn, sql, "checks", |r| {
        Ok(CheckRecord {
            at: r.time(1)?,
            kind: r.parsed(2, "kind", CheckKind::from_id)?,
            answers: r.answers(3)?,
            urgency: r.parsed(4, "urgency", urgency)?,
            routine: r.get(5, "routine")?,
            level: r.get(6, "level")?,
            pain: r.get(7, "pain")?,
            trend: r.get(8, "trend")?,
            sessions_reported: r.get(9, "sessions_reported")?,
            flare_up: r.get(10, "flare_up")?,
            stopped_early: r.get(11, "stopped_early")?,
            rules: r.get(12, "rules")?,
        })
    })
}

pub(super) fn sessions(conn: &Connection) -> Result<Vec<SessionRecord>, Fault> {
    read(conn, SELECT_SESSIONS, "sessions", |r| {
        Ok(SessionRecord {
            at: r.time(1)?,
            routine: r.get(2, "routine")?,
            level: r.get(3, "level")?,
            steps: r.get(4, "steps")?,
            done: r.get(5, "done")?,
            skipped: r.get(6, "skipped")?,
            seconds: r.count(7, "seconds")?,
            quit: r.get(8, "quit")?,
            pain_before: r.get(9, "pain_before")?,
            pain_after: r.get(10, "pain_after")?,
            rules: r.get(11, "rules")?,
        })
    })
}

pub(super) fn level_changes(conn: &Connection) -> Result<Vec<LevelChange>, Fault> {
    read(conn, SELECT_LEVEL_CHANGES, "level_changes", |r| {
        Ok(LevelChange {
            at: r.time(1)?,
            routine: r.get(2, "routine")?,
            from: r.get(3, "from_level")?,
            to: r.get(4, "to_level")?,
            rule: r.get(5, "rule")?,
            reason: r.get(6, "reason")?,
        })
    })
}

/// Every row of one query, through `record`, which names the column of any bad value.
fn read<T>(
    conn: &Connection,
    sql: &str,
    table: &'static str,
    record: impl Fn(&Columns<'_, '_>) -> Result<T, String>,
) -> Result<Vec<T>, Fault> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let columns = Columns { row };
        out.push(record(&columns).map_err(|detail| Fault::Row { table, id, detail })?);
    }
    Ok(out)
}

/// One row being read; each getter's error names the column and what is wrong.
struct Columns<'a, 'stmt> {
    row: &'a Row<'stmt>,
}

impl Columns<'_, '_> {
    fn get<T: FromSql>(&self, index: usize, name: &str) -> Result<T, String> {
        self.row.get(index).map_err(|e| match e {
            rusqlite::Error::InvalidColumnType(_, _, found) => {
                format!("{name}: a {found} value where it does not belong")
            }
            rusqlite::Error::IntegralValueOutOfRange(_, value) => {
                format!("{name}: {value} is out of range")
            }
            other => format!("{name}: {other}"),
        })
    }

    /// A whole number that cannot be negative, as SQLite keeps it (signed).
    fn count(&self, index: usize, name: &str) -> Result<u64, String> {
        let value: i64 = self.get(index, name)?;
        u64::try_from(value).map_err(|_| format!("{name}: {value} is negative"))
    }

    fn parsed<T>(
        &self,
        index: usize,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<T, String> {
        let text: String = self.get(index, name)?;
        parse(&text).ok_or_else(|| format!("{name}: `{text}` is not one backcare knows"))
    }

    fn time(&self, index: usize) -> Result<Timestamp, String> {
        let text: String = self.get(index, "at")?;
        text.parse()
            .map_err(|e| format!("at: `{text}` is not an RFC 3339 time: {e}"))
    }

    fn answers(&self, index: usize) -> Result<serde_json::Value, String> {
        // NULL only where the query left the answers out on purpose (the column is NOT NULL).
        let Some(text): Option<String> = self.get(index, "answers")? else {
            return Ok(serde_json::Value::Null);
        };
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(value) if value.is_object() => Ok(value),
            Ok(_) => Err("answers: not a JSON object".to_owned()),
            Err(e) => Err(format!("answers: not JSON: {e}")),
        }
    }
}

fn urgency(id: &str) -> Option<Urgency> {
    Urgency::LADDER.into_iter().find(|u| u.as_str() == id)
}
