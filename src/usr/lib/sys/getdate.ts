// The date strings date -d and touch -d understand (a useful part of GNU's parse_datetime):
// "now", "today", "yesterday", "tomorrow", "@SECONDS", ISO 8601 dates and times with an
// optional zone (Z, UTC, +hh:mm), "HH:MM[:SS]", "Nov 23 2026 [HH:MM[:SS]]", "23 Nov 2026", and
// relative items "N unit(s) [ago]", "next/last unit". Everything is UTC.
export interface When { sec: number; nsec: number }

const MON = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const UNIT: Record<string, number> = { second: 1, sec: 1, minute: 60, min: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600 };

export function parseDate(input: string, nowSec: number, nowNsec = 0): When | null {
  let s = input.trim().toLowerCase().replace(/\s+/g, " ");
  if (s === "" || s === "now") return { sec: nowSec, nsec: s === "" ? 0 : nowNsec };
  const epoch = /^@(-?\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (epoch) return { sec: Number(epoch[1]), nsec: Number((epoch[2] ?? "").padEnd(9, "0")) };
  const today = Math.floor(nowSec / 86400) * 86400;
  let base: number | null = null; // a date at midnight, when one was named
  let tod: number | null = null; // seconds into that day
  let nsec = 0;
  let rel = 0, relMonths = 0;
  let zone = 0;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m) s = (s.slice(0, m.index) + " " + s.slice(m.index + m[0].length)).trim();
    return m;
  };
  let m: RegExpExecArray | null;
  if ((m = take(/(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[ t])/))) base = Date.UTC(+m[1], +m[2] - 1, +m[3]) / 1000;
  else if ((m = take(/\b([a-z]{3})[a-z]* (\d{1,2}),? (\d{4})\b/)) && MON.includes(m[1])) base = Date.UTC(+m[3], MON.indexOf(m[1]), +m[2]) / 1000;
  else if ((m = take(/\b(\d{1,2}) ([a-z]{3})[a-z]* (\d{4})\b/)) && MON.includes(m[2])) base = Date.UTC(+m[3], MON.indexOf(m[2]), +m[1]) / 1000;
  else if ((m = take(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/))) base = Date.UTC(+m[3], +m[1] - 1, +m[2]) / 1000;
  if (m && base === null) return null;
  if ((m = take(/(?:^|t| )(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?: ?(am|pm))?/))) {
    let h = +m[1];
    if (m[5]) { if (h < 1 || h > 12) return null; h = (h % 12) + (m[5] === "pm" ? 12 : 0); }
    if (h > 23 || +m[2] > 59 || +(m[3] ?? 0) > 60) return null;
    tod = h * 3600 + +m[2] * 60 + +(m[3] ?? 0);
    nsec = Number((m[4] ?? "").padEnd(9, "0"));
  }
  if ((m = take(/(?:^| )?(z|utc|gmt|[+-]\d{2}:?\d{2})$/))) {
    if (/^[+-]/.test(m[1])) {
      const d = m[1].replace(":", "");
      zone = (d[0] === "-" ? -1 : 1) * (Number(d.slice(1, 3)) * 3600 + Number(d.slice(3, 5)) * 60);
    }
  }
  if (take(/\btoday\b/)) base ??= today;
  if (take(/\byesterday\b/)) { base ??= today; rel -= 86400; }
  if (take(/\btomorrow\b/)) { base ??= today; rel += 86400; }
  while ((m = take(/([+-]?\d+|next|last|a) ?(second|sec|minute|min|hour|day|week|fortnight|month|year)s?( ago)?\b/))) {
    const n = (m[1] === "next" || m[1] === "a" ? 1 : m[1] === "last" ? -1 : Number(m[1])) * (m[3] ? -1 : 1);
    if (m[2] === "month") relMonths += n;
    else if (m[2] === "year") relMonths += 12 * n;
    else rel += n * UNIT[m[2]];
  }
  if (s.trim() !== "") return null;
  let sec: number;
  if (base === null && tod === null) { sec = nowSec; nsec = nowNsec; }
  else sec = (base ?? today) + (tod ?? 0) - zone;
  if (relMonths) {
    const d = new Date(sec * 1000);
    d.setUTCMonth(d.getUTCMonth() + relMonths);
    sec = d.getTime() / 1000;
  }
  return { sec: sec + rel, nsec };
}
