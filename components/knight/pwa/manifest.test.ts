import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";

const PUBLIC = path.resolve(__dirname, "../../../public");
const manifest = JSON.parse(fs.readFileSync(path.join(PUBLIC, "manifest.webmanifest"), "utf8")) as {
  start_url: string;
  display: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
};

describe("knight app web manifest", () => {
  it("opens the knight home standalone", () => {
    expect(manifest.start_url).toBe("/zh-CN/knight");
    expect(manifest.display).toBe("standalone");
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("lists installable icons (192 and 512 PNG, any and maskable) that exist with the declared size", () => {
    for (const size of ["192x192", "512x512"]) {
      for (const purpose of ["any", "maskable"]) {
        expect(manifest.icons.some((i) => i.sizes === size && i.type === "image/png" && (i.purpose ?? "any") === purpose)).toBe(true);
      }
    }
    for (const icon of manifest.icons) {
      const file = fs.readFileSync(path.join(PUBLIC, icon.src));
      if (icon.type !== "image/png") continue;
      // PNG IHDR: width and height are big-endian at bytes 16 and 20.
      expect(`${file.readUInt32BE(16)}x${file.readUInt32BE(20)}`).toBe(icon.sizes);
    }
  });

});

/** Loads public/sw.js in a sandbox and reports, per request, whether the worker answers it itself. */
function swHandles(): (url: string, init?: { mode?: string; method?: string; headers?: Record<string, string> }) => boolean {
  const listeners: Record<string, (e: unknown) => void> = {};
  const self = { location: { origin: "https://muster.example" }, addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[type] = fn) };
  const cache = { match: async () => undefined, put: async () => undefined };
  const caches = { open: async () => cache, match: async () => undefined, keys: async () => [] };
  const fetch = async () => ({ ok: false, type: "basic", redirected: false, clone: () => null });
  vm.runInNewContext(fs.readFileSync(path.join(PUBLIC, "sw.js"), "utf8"), { self, caches, fetch, URL, Response });
  return (url, init = {}) => {
    let answered = false;
    listeners.fetch({
      request: { url, method: init.method ?? "GET", mode: init.mode ?? "cors", headers: new Headers(init.headers ?? {}) },
      respondWith: () => (answered = true),
    });
    return answered;
  };
}

describe("knight app service worker", () => {
  const handles = swHandles();
  it("never answers API, tRPC or live (SSE) requests — they always go to the network", () => {
    expect(handles("https://muster.example/api/trpc/knightOffer.list?batch=1")).toBe(false);
    expect(handles("https://muster.example/api/live?topic=knight%3Ax", { headers: { accept: "text/event-stream" } })).toBe(false);
    expect(handles("https://muster.example/api/live?topic=knight%3Ax")).toBe(false);
    expect(handles("https://muster.example/api/trpc/knightOffer.accept", { method: "POST" })).toBe(false);
    expect(handles("https://muster.example/zh-CN/knight?_rsc=abc")).toBe(false);
  });
  it("answers knight page navigations (network-first) and hashed static assets, and leaves other pages alone", () => {
    expect(handles("https://muster.example/zh-CN/knight", { mode: "navigate" })).toBe(true);
    expect(handles("https://muster.example/en/knight/tasks/abc", { mode: "navigate" })).toBe(true);
    expect(handles("https://muster.example/_next/static/chunks/app.js")).toBe(true);
    expect(handles("https://muster.example/zh-CN/incidents", { mode: "navigate" })).toBe(false);
    expect(handles("https://elsewhere.example/zh-CN/knight", { mode: "navigate" })).toBe(false);
  });
});
