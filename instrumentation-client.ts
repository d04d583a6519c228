import { z } from "zod";

/**
 * Runs in the browser before the app's own code (Next's instrumentation-client convention).
 * Zod 4 probes `new Function("")` on its first object parse to decide whether to compile parsers; our
 * Content-Security-Policy has no 'unsafe-eval' (lib/security-headers.ts), so the probe is refused and
 * reported as a violation. jitless skips the probe; the browser only parses small forms, so nothing is lost.
 */
z.config({ jitless: true });
