// The time values util-linux's tools take (dmesg --since/--until): "now", "today",
// "yesterday", "tomorrow"; "[WEEKDAY ]YYYY-MM-DD[( |T)HH:MM[:SS]]" (or a two-digit year),
// "HH:MM[:SS]" today, "YYYYMMDDHHMMSS"; and relative ones, "-N UNIT...", "+N UNIT..." or
// "N UNIT... ago", where N may have a fraction and several N UNIT follow one another.
// Everything is UTC. The result is in microseconds since the epoch, or null when invalid.
const UNITS: Record<string, number> = {
  us: 1, usec: 1, ms: 1e3, msec: 1e3,
  s: 1e6, sec: 1e6, second: 1e6, seconds: 1e6,
  m: 60e6, min: 60e6, minute: 60e6, minutes: 60e6,
  h: 3600e6, hr: 3600e6, hour: 3600e6, hours: 3600e6,
  d: 86400e6, day: 86400e6, days: 86400e6,
  w: 604800e6, week: 604800e6, weeks: 604800e6,
  month: 2629800e6, months: 2629800e6,
  y: 31557600e6, year: 31557600e6, years: 31557600e6,
};
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const DAY_USEC = 86400e6;

/** "N UNIT N UNIT ..." in microseconds, or null. */
function parseSpan(s: string): number | null {
  const item = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)/;
  let total = 0, any = false;
  for (let rest = s; rest.trim() !== "";) {
    const m = item.exec(rest);
    if (!m || !(m[2] in UNITS)) return null;
    total += Number(m[1]) * UNITS[m[2]];
    rest = rest.slice(m[0].length);
    any = true;
  }
  return any ? Math.round(total) : null;
}

/** A date and time of day in microseconds since the epoch, or null. */
function parseAbsolute(s: string, nowUsec: number): number | null {
  let weekday = -1;
  const wd = /^([a-z]+) (.*)$/i.exec(s);
  if (wd) {
    const name = wd[1].toLowerCase();
    weekday = WEEKDAYS.findIndex((w) => w === name || w.slice(0, 3) === name);
    if (weekday < 0) return null;
    s = wd[2];
  }
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0;
  let m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (m) [y, mo, d, h, mi, sec] = m.slice(1).map(Number);
  else if ((m = /^(\d{2}|\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(s))) {
    y = Number(m[1]);
    if (m[1].length === 2) y += y < 69 ? 2000 : 1900;
    [mo, d, h, mi, sec] = m.slice(2).map((v) => Number(v ?? 0));
  } else if ((m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(s))) {
    const today = new Date(Math.floor(nowUsec / 1000));
    [y, mo, d] = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()];
    [h, mi, sec] = m.slice(1).map((v) => Number(v ?? 0));
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 61) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (weekday >= 0 && new Date(ms).getUTCDay() !== weekday) return null;
  return ms * 1000;
}

export function parseTimestamp(input: string, nowUsec: number): number | null {
  const midnight = Math.floor(nowUsec / DAY_USEC) * DAY_USEC;
  switch (input) {
    case "now": return nowUsec;
    case "today": return midnight;
    case "yesterday": return midnight - DAY_USEC;
    case "tomorrow": return midnight + DAY_USEC;
  }
  if (input.startsWith("+") || input.startsWith("-")) {
    const span = parseSpan(input.slice(1));
    return span === null ? null : nowUsec + (input[0] === "+" ? span : -span);
  }
  if (input.endsWith(" ago")) {
    const span = parseSpan(input.slice(0, -4));
    return span === null ? null : nowUsec - span;
  }
  return parseAbsolute(input, nowUsec);
}
