/**
 * Binary min-heap of (primary, secondary, node, tag) entries compared lexicographically on
 * (primary, secondary); lazy deletion is left to the caller (compare the popped entry to its state).
 * Typed arrays, grows by doubling.
 */
export class PairHeap {
  size = 0;
  private p: Float64Array;
  private s: Float64Array;
  private n: Int32Array;
  private t: Int32Array;

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.p = new Float64Array(c);
    this.s = new Float64Array(c);
    this.n = new Int32Array(c);
    this.t = new Int32Array(c);
  }

  get topP(): number { return this.p[0]; }
  get topS(): number { return this.s[0]; }
  get topNode(): number { return this.n[0]; }
  get topTag(): number { return this.t[0]; }

  push(p: number, s: number, node: number, tag = 0): void {
    if (this.size === this.p.length) this.grow();
    const P = this.p, S = this.s, N = this.n, T = this.t;
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!(p < P[up] || (p === P[up] && s < S[up]))) break;
      P[i] = P[up]; S[i] = S[up]; N[i] = N[up]; T[i] = T[up];
      i = up;
    }
    P[i] = p; S[i] = s; N[i] = node; T[i] = tag;
  }

  /** Removes the top entry (read it first through topP/topS/topNode/topTag). */
  pop(): void {
    const P = this.p, S = this.s, N = this.n, T = this.t;
    const last = --this.size;
    if (last === 0) return;
    const p = P[last], s = S[last], node = N[last], tag = T[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && (P[r] < P[l] || (P[r] === P[l] && S[r] < S[l])) ? r : l;
      if (!(P[c] < p || (P[c] === p && S[c] < s))) break;
      P[i] = P[c]; S[i] = S[c]; N[i] = N[c]; T[i] = T[c];
      i = c;
    }
    P[i] = p; S[i] = s; N[i] = node; T[i] = tag;
  }

  clear(): void { this.size = 0; }

  private grow(): void {
    const c = this.p.length * 2;
    const p = new Float64Array(c); p.set(this.p); this.p = p;
    const s = new Float64Array(c); s.set(this.s); this.s = s;
    const n = new Int32Array(c); n.set(this.n); this.n = n;
    const t = new Int32Array(c); t.set(this.t); this.t = t;
  }
}
