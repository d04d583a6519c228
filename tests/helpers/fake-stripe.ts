import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { makePaymentsConfig, type PaymentsConfig } from "@/server/modules/payments/stripe-client";

/**
 * A local HTTP server that answers the Stripe API calls Muster makes with Stripe-shaped objects, and
 * records every request (method, path, form parameters, Idempotency-Key). The real `stripe` SDK is pointed
 * at it (host/port/protocol). No real Stripe account is involved anywhere in the tests.
 */
export type RecordedRequest = { method: string; path: string; params: Record<string, string>; idempotencyKey: string | null; authorization: string | null };

type Obj = Record<string, unknown> & { id: string };

export const FAKE_WEBHOOK_SECRET = "whsec_test_local_only";

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly sessions = new Map<string, Obj>();
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly accounts = new Map<string, Obj>();
  readonly transfers = new Map<string, Obj>();
  readonly reversals = new Map<string, Obj>();
  private readonly idem = new Map<string, string>();
  private seq = 0;
  private server: http.Server | null = null;
  port = 0;

  id(prefix: string): string {
    return `${prefix}_test${(++this.seq).toString().padStart(6, "0")}`;
  }

  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://localhost");
        const params = Object.fromEntries(new URLSearchParams(req.method === "GET" ? url.search : body));
        const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
        this.requests.push({ method: req.method ?? "", path: url.pathname, params, idempotencyKey, authorization: req.headers.authorization ?? null });
        const send = (status: number, obj: unknown) => {
          res.writeHead(status, { "content-type": "application/json", "request-id": `req_${this.seq}` });
          res.end(JSON.stringify(obj));
        };
        // Stripe replays the first response for a repeated idempotency key.
        if (req.method === "POST" && idempotencyKey && this.idem.has(`${url.pathname}|${idempotencyKey}`)) {
          return send(200, JSON.parse(this.idem.get(`${url.pathname}|${idempotencyKey}`)!));
        }
        const [status, obj] = this.route(req.method ?? "GET", url.pathname, params);
        if (req.method === "POST" && idempotencyKey && status === 200) this.idem.set(`${url.pathname}|${idempotencyKey}`, JSON.stringify(obj));
        send(status, obj);
      });
    });
    await new Promise<void>((r) => this.server!.listen(port, "127.0.0.1", r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  config(feeBps = 500): PaymentsConfig {
    return makePaymentsConfig({ secretKey: "sk_test_local_only", webhookSecret: FAKE_WEBHOOK_SECRET, feeBps, host: "127.0.0.1", port: this.port, protocol: "http", appUrl: "http://muster.test" });
  }

  private route(method: string, path: string, p: Record<string, string>): [number, unknown] {
    const get = (m: Map<string, Obj>, id: string): [number, unknown] => {
      const o = m.get(id);
      return o ? [200, o] : [404, { error: { type: "invalid_request_error", message: `No such object: ${id}` } }];
    };
    const seg = path.split("/").filter(Boolean); // ["v1", ...]
    const meta = (prefix: string) =>
      Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith(`${prefix}[`)).map(([k, v]) => [k.slice(prefix.length + 1, -1), v]));
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const s: Obj = {
        id: this.id("cs"), object: "checkout.session", status: "open", payment_status: "unpaid", url: `https://checkout.stripe.test/${this.seq}`,
        amount_total: Number(p["line_items[0][price_data][unit_amount]"]) * Number(p["line_items[0][quantity]"] ?? 1),
        currency: p["line_items[0][price_data][currency]"], client_reference_id: p.client_reference_id ?? null, metadata: meta("metadata"),
        payment_intent: null, pi_metadata: meta("payment_intent_data[metadata]"),
      };
      this.sessions.set(s.id, s);
      return [200, s];
    }
    if (method === "GET" && seg[1] === "checkout" && seg[2] === "sessions" && seg[3]) return get(this.sessions, seg[3]);
    if (method === "POST" && seg[1] === "checkout" && seg[2] === "sessions" && seg[3] && seg[4] === "expire") {
      const s = this.sessions.get(seg[3]);
      if (!s) return [404, { error: { type: "invalid_request_error", message: `No such checkout.session: ${seg[3]}` } }];
      if (s.status !== "open") return [400, { error: { type: "invalid_request_error", message: `Only Checkout Sessions with a status in [open] can be expired; this one is ${String(s.status)}` } }];
      return [200, this.expireSession(s.id)];
    }
    if (method === "GET" && seg[1] === "payment_intents" && seg[2]) return get(this.intents, seg[2]);
    if (method === "GET" && seg[1] === "charges" && seg[2]) return get(this.charges, seg[2]);
    if (method === "GET" && seg[1] === "accounts" && seg[2]) return get(this.accounts, seg[2]);
    if (method === "GET" && path === "/v1/refunds") {
      const data = [...this.refunds.values()].filter((r) => r.payment_intent === p.payment_intent);
      return [200, { object: "list", data, has_more: false, url: "/v1/refunds" }];
    }
    if (method === "POST" && path === "/v1/refunds") {
      const pi = this.intents.get(p.payment_intent ?? "");
      if (!pi) return [404, { error: { type: "invalid_request_error", message: "No such payment_intent" } }];
      return [200, this.refund(pi.id, Number(p.amount), meta("metadata"))];
    }
    if (method === "POST" && path === "/v1/transfers") {
      const t: Obj = { id: this.id("tr"), object: "transfer", amount: Number(p.amount), currency: p.currency, destination: p.destination, transfer_group: p.transfer_group ?? null, metadata: meta("metadata") };
      this.transfers.set(t.id, t);
      return [200, t];
    }
    if (method === "POST" && seg[1] === "transfers" && seg[2] && seg[3] === "reversals") {
      const tr = this.transfers.get(seg[2]);
      if (!tr) return [404, { error: { type: "invalid_request_error", message: `No such transfer: ${seg[2]}` } }];
      const amount = Number(p.amount ?? tr.amount);
      const reversed = Number(tr.amount_reversed ?? 0);
      if (amount + reversed > Number(tr.amount)) return [400, { error: { type: "invalid_request_error", message: "Reversal exceeds the transfer's amount" } }];
      const r: Obj = { id: this.id("trr"), object: "transfer_reversal", amount, currency: tr.currency, transfer: tr.id, metadata: meta("metadata") };
      Object.assign(tr, { amount_reversed: reversed + amount, reversed: reversed + amount >= Number(tr.amount) });
      this.reversals.set(r.id, r);
      return [200, r];
    }
    if (method === "POST" && path === "/v1/accounts") {
      const a: Obj = { id: this.id("acct"), object: "account", type: p.type, email: p.email ?? null, payouts_enabled: false, capabilities: { transfers: "inactive" }, metadata: meta("metadata") };
      this.accounts.set(a.id, a);
      return [200, a];
    }
    if (method === "POST" && path === "/v1/account_links") {
      return [200, { object: "account_link", url: `https://connect.stripe.test/setup/${p.account}/${this.seq++}`, created: 1, expires_at: 2 }];
    }
    return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } }];
  }

  /** The buyer pays in Checkout: the session completes, with its PaymentIntent and charge. */
  completeSession(sessionId: string): { session: Obj; intent: Obj; charge: Obj } {
    const s = this.sessions.get(sessionId)!;
    const intent: Obj = { id: this.id("pi"), object: "payment_intent", status: "succeeded", amount: s.amount_total, amount_received: s.amount_total, currency: s.currency, metadata: s.pi_metadata };
    const charge: Obj = { id: this.id("ch"), object: "charge", paid: true, amount: s.amount_total, amount_captured: s.amount_total, amount_refunded: 0, refunded: false, payment_intent: intent.id, currency: s.currency, metadata: {} };
    Object.assign(s, { status: "complete", payment_status: "paid", payment_intent: intent.id });
    this.intents.set(intent.id, intent);
    this.charges.set(charge.id, charge);
    return { session: s, intent, charge };
  }

  expireSession(sessionId: string): Obj {
    return Object.assign(this.sessions.get(sessionId)!, { status: "expired" });
  }

  refund(paymentIntentId: string, amount: number, metadata: Record<string, string> = {}): Obj {
    const r: Obj = { id: this.id("re"), object: "refund", amount, status: "succeeded", payment_intent: paymentIntentId, currency: "cny", metadata };
    this.refunds.set(r.id, r);
    const charge = [...this.charges.values()].find((c) => c.payment_intent === paymentIntentId);
    if (charge) Object.assign(charge, { amount_refunded: Number(charge.amount_refunded) + amount, refunded: Number(charge.amount_refunded) + amount >= Number(charge.amount) });
    return r;
  }

  chargeOf(paymentIntentId: string): Obj {
    return [...this.charges.values()].find((c) => c.payment_intent === paymentIntentId)!;
  }

  enableAccount(accountId: string): Obj {
    return Object.assign(this.accounts.get(accountId)!, { payouts_enabled: true, capabilities: { transfers: "active" } });
  }
}

/** A webhook delivery signed with the SDK's own helper: the exact body and its Stripe-Signature header. */
export function signedEvent(
  type: string,
  object: Obj,
  opts: { id?: string; created?: number; secret?: string; timestamp?: number } = {},
): { id: string; payload: string; header: string } {
  const id = opts.id ?? `evt_${type.replace(/\W/g, "_")}_${object.id}`;
  const created = opts.created ?? Math.floor(Date.now() / 1000);
  const payload = JSON.stringify({ id, object: "event", api_version: "2025-01-01", type, created, livemode: false, pending_webhooks: 1, request: null, data: { object } });
  const signer = new Stripe("sk_test_local_only");
  const header = signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? FAKE_WEBHOOK_SECRET, timestamp: opts.timestamp });
  return { id, payload, header };
}
