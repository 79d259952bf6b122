// diff's comparison: the shortest edit script between two line sequences (Myers' O(ND)
// algorithm, in its linear-space form, after GNU diff's pre-pass), with each run of changed lines slid where GNU diff's shift_boundaries
// leaves it, then grouped into changes and into hunks.

/** One change: lines [a0, a1) of the old file replaced by lines [b0, b1) of the new one (0-based). */
export interface Change { a0: number; a1: number; b0: number; b1: number }

/**
 * GNU diff's pre-pass: a line with no equal in the other file is certainly changed and is left
 * out of the search; one with very many equals ("provisional") is left out only inside a run of
 * such lines that begins and ends with certain ones, and is not too thick with provisionals.
 * Returns, per line, whether it is left out.
 */
function discarded(lines: readonly string[], other: readonly string[]): boolean[] {
  const inOther = new Map<string, number>();
  for (const l of other) inOther.set(l, (inOther.get(l) ?? 0) + 1);
  let many = 5;
  for (let tem = Math.floor(lines.length / 64); (tem >>= 2) > 0;) many *= 2;
  const NO = 0, YES = 1, MAYBE = 2;
  const d = lines.map((l) => { const n = inOther.get(l) ?? 0; return n === 0 ? YES : n > many ? MAYBE : NO; });
  for (let i = 0; i < d.length; i++) {
    if (d[i] === MAYBE) { d[i] = NO; continue; }
    if (d[i] === NO) continue;
    // A run of discardable lines from i; provisionals at its end do not count.
    let j = i;
    while (j < d.length && d[j] !== NO) j++;
    while (j > i && d[j - 1] === MAYBE) d[--j] = NO;
    const length = j - i;
    const run = d.slice(i, j);
    const provisional = run.filter((x) => x === MAYBE).length;
    if (provisional * 4 > length) run.forEach((x, k) => { if (x === MAYBE) run[k] = NO; });
    else {
      let minimum = 1;
      for (let tem = length >> 2; (tem >>= 2) > 0;) minimum <<= 1;
      minimum++;
      // Subruns of `minimum` or more provisionals stay in the search.
      for (let k = 0; k < length;) {
        if (run[k] !== MAYBE) { k++; continue; }
        let e = k;
        while (e < length && run[e] === MAYBE) e++;
        if (e - k >= minimum) for (let q = k; q < e; q++) run[q] = NO;
        k = e;
      }
      // From each end, provisionals stay until three certain lines in a row, or a certain one 8 lines in.
      const trim = (at: (k: number) => number) => {
        for (let k = 0, consec = 0; k < length; k++) {
          const x = run[at(k)];
          if (k >= 8 && x === YES) break;
          if (x === MAYBE) { run[at(k)] = NO; consec = 0; } else if (x === NO) consec = 0; else if (++consec === 3) break;
        }
      };
      trim((k) => k);
      trim((k) => length - 1 - k);
    }
    for (let k = 0; k < length; k++) d[i + k] = run[k];
    i += Math.max(length, 1) - 1;
  }
  return d.map((x) => x !== NO);
}

/**
 * Which lines of each side are not in the common subsequence: Myers' divide and conquer on the
 * lines left after the pre-pass, splitting each box at the middle of a shortest edit path found
 * by searching from both ends at once (ties taken as GNU diff takes them).
 */
function changedLines(a: readonly string[], b: readonly string[]): { da: boolean[]; db: boolean[] } {
  const da = discarded(a, b), db = discarded(b, a);
  const ia: number[] = [], ib: number[] = []; // the kept lines' indexes
  da.forEach((x, i) => { if (!x) ia.push(i); });
  db.forEach((x, i) => { if (!x) ib.push(i); });
  const xv = ia.map((i) => a[i]), yv = ib.map((i) => b[i]);
  const size = xv.length + yv.length + 3;
  const fd = new Float64Array(2 * size), bd = new Float64Array(2 * size);
  const off = size;

  /** The middle of a shortest path through the box [xoff, xlim) x [yoff, ylim). */
  const middle = (xoff: number, xlim: number, yoff: number, ylim: number): [number, number] => {
    const dmin = xoff - ylim, dmax = xlim - yoff, fmid = xoff - yoff, bmid = xlim - ylim;
    let fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[off + fmid] = xoff;
    bd[off + bmid] = xlim;
    for (;;) {
      if (fmin > dmin) fd[off + --fmin - 1] = -1; else ++fmin;
      if (fmax < dmax) fd[off + ++fmax + 1] = -1; else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const lo = fd[off + d - 1], hi = fd[off + d + 1];
        let x = lo >= hi ? lo + 1 : hi, y = x - d;
        while (x < xlim && y < ylim && xv[x] === yv[y]) { x++; y++; }
        fd[off + d] = x;
        if (odd && bmin <= d && d <= bmax && bd[off + d] <= x) return [x, y];
      }
      if (bmin > dmin) bd[off + --bmin - 1] = Infinity; else ++bmin;
      if (bmax < dmax) bd[off + ++bmax + 1] = Infinity; else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const lo = bd[off + d - 1], hi = bd[off + d + 1];
        let x = lo < hi ? lo : hi - 1, y = x - d;
        while (xoff < x && yoff < y && xv[x - 1] === yv[y - 1]) { x--; y--; }
        bd[off + d] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[off + d]) return [x, y];
      }
    }
  };

  const compare = (xoff: number, xlim: number, yoff: number, ylim: number): void => {
    while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) { xoff++; yoff++; }
    while (xoff < xlim && yoff < ylim && xv[xlim - 1] === yv[ylim - 1]) { xlim--; ylim--; }
    if (xoff === xlim) for (let y = yoff; y < ylim; y++) db[ib[y]] = true;
    else if (yoff === ylim) for (let x = xoff; x < xlim; x++) da[ia[x]] = true;
    else {
      const [xmid, ymid] = middle(xoff, xlim, yoff, ylim);
      compare(xoff, xmid, yoff, ymid);
      compare(xmid, xlim, ymid, ylim);
    }
  };
  compare(0, xv.length, 0, yv.length);
  return { da, db };
}

/**
 * Slide each run of changed lines in one file, as GNU diff does: first up as far as equal lines
 * allow (merging with runs before it), then down as far as they allow, and finally back up to
 * the last place where the run's end lines up with a change in the other file, if there is one.
 */
function shiftBoundaries(lines: readonly string[], changed: boolean[], other: boolean[]): void {
  const n = lines.length;
  const ch = (i: number) => i >= 0 && i < n && changed[i];
  const oc = (j: number) => j >= 0 && j < other.length && other[j];
  let i = 0, j = 0;
  for (;;) {
    // To the next run, keeping j at the matching place in the other file.
    while (i < n && !changed[i]) {
      while (oc(j++));
      i++;
    }
    if (i === n) return;
    let start = i;
    do i++; while (ch(i));
    while (oc(j)) j++;
    let corresponding: number, runlength: number;
    do {
      runlength = i - start;
      while (start > 0 && lines[start - 1] === lines[i - 1]) {
        changed[--start] = true;
        changed[--i] = false;
        while (ch(start - 1)) start--;
        do j--; while (oc(j));
      }
      corresponding = oc(j - 1) ? i : n;
      while (i !== n && lines[start] === lines[i]) {
        changed[start++] = false;
        changed[i++] = true;
        while (ch(i)) i++;
        while (oc(++j)) corresponding = i;
      }
    } while (runlength !== i - start);
    while (corresponding < i) {
      changed[--start] = true;
      changed[--i] = false;
      do j--; while (oc(j));
    }
  }
}

/**
 * The changes that turn a into b, in order. As GNU diff does, the lines the two files share at
 * their start and at their end (compared as RAW, the lines as read, when the comparison ignores
 * case or white space) are set aside first: a change is never moved into them.
 */
export function diffLines(a: readonly string[], b: readonly string[], context = 0, raw?: { a: readonly string[]; b: readonly string[] }): Change[] {
  const ra = raw?.a ?? a, rb = raw?.b ?? b;
  let p = 0;
  while (p < a.length && p < b.length && ra[p] === rb[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && ra[a.length - 1 - q] === rb[b.length - 1 - q]) q++;
  p = Math.max(0, p - context);
  q = Math.max(0, q - context);
  const ma = a.slice(p, a.length - q), mb = b.slice(p, b.length - q);
  const { da, db } = changedLines(ma, mb);
  shiftBoundaries(ma, da, db);
  shiftBoundaries(mb, db, da);
  const out: Change[] = [];
  let i = 0, j = 0;
  while (i < ma.length || j < mb.length) {
    if (i < ma.length && j < mb.length && !da[i] && !db[j]) { i++; j++; continue; }
    const a0 = i, b0 = j;
    while (i < ma.length && da[i]) i++;
    while (j < mb.length && db[j]) j++;
    out.push({ a0: a0 + p, a1: i + p, b0: b0 + p, b1: j + p });
  }
  return out;
}

/** Changes grouped into hunks: two changes share one when at most 2*context equal lines part them. */
export function hunks(changes: readonly Change[], context: number): Change[][] {
  const out: Change[][] = [];
  for (const c of changes) {
    const last = out[out.length - 1];
    if (last && c.a0 - last[last.length - 1].a1 <= 2 * context) last.push(c);
    else out.push([c]);
  }
  return out;
}
