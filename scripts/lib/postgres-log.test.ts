import { describe, expect, it } from "vitest";
import { postgresLogLinesToShow } from "./postgres-log";

const at = (pid: number, rest: string) => `2026-12-06 07:23:24.377 UTC [${pid}] ${rest}`;

describe("postgresLogLinesToShow", () => {
  it("shows each ERROR line of a chunk with the lines that explain it, and nothing routine", () => {
    const chunk = [
      at(1, "LOG:  checkpoint starting: time"),
      at(2, 'ERROR:  relation "nope" does not exist at character 15'),
      at(2, "STATEMENT:  SELECT *"),
      "\t  FROM nope",
      at(3, "LOG:  checkpoint complete"),
      at(4, "FATAL:  password authentication failed for user \"muster\""),
      at(4, 'DETAIL:  Connection matched file "pg_hba.conf" line 1'),
      "",
    ].join("\n");
    expect(postgresLogLinesToShow(chunk)).toEqual([
      at(2, 'ERROR:  relation "nope" does not exist at character 15'),
      at(2, "STATEMENT:  SELECT *"),
      "\t  FROM nope",
      at(4, "FATAL:  password authentication failed for user \"muster\""),
      at(4, 'DETAIL:  Connection matched file "pg_hba.conf" line 1'),
    ]);
  });

  it("stays quiet about the connections a stop closes (Ctrl-C), and about routine lines", () => {
    const stop = [
      at(5, "LOG:  received fast shutdown request"),
      at(6, "FATAL:  terminating connection due to administrator command"),
      at(7, "FATAL:  terminating connection due to administrator command"),
      at(8, 'LOG:  background worker "logical replication launcher" (PID 9) exited with exit code 1'),
      at(5, "LOG:  database system is shut down"),
    ].join("\n");
    expect(postgresLogLinesToShow(stop)).toEqual([]);
    expect(postgresLogLinesToShow(at(10, "PANIC:  could not write to file"))).toEqual([at(10, "PANIC:  could not write to file")]);
  });
});
