/**
 * Which lines of the embedded PostgreSQL's log the launchers show: real trouble only (ERROR, FATAL, PANIC)
 * with the DETAIL/HINT/CONTEXT/STATEMENT lines that explain it. The server hands its log over in chunks of
 * several lines, so each line is judged on its own.
 *
 * Left out: "terminating connection due to administrator command" — what every still-open connection says
 * when the server is stopped (Ctrl-C reaches PostgreSQL along with the app), so a clean stop printed a
 * column of FATAL lines.
 */
const TROUBLE = /\b(ERROR|FATAL|PANIC):/;
const EXPECTED_ON_STOP = /FATAL:\s+terminating connection due to administrator command/;
const EXPLAINS = /\b(DETAIL|HINT|CONTEXT|STATEMENT):|^\s/;

export function postgresLogLinesToShow(chunk: string): string[] {
  const shown: string[] = [];
  let following = false;
  for (const line of chunk.split("\n").map((l) => l.trimEnd())) {
    if (!line) continue;
    if (TROUBLE.test(line)) {
      following = !EXPECTED_ON_STOP.test(line);
      if (following) shown.push(line);
    } else if (following && EXPLAINS.test(line)) {
      shown.push(line);
    } else {
      following = false;
    }
  }
  return shown;
}
