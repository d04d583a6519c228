declare module "vitest" {
  export interface ProvidedContext {
    /** A connection URL to the test server's `postgres` database, with rights to create databases. */
    databaseAdminUrl: string;
    /** The migrated template every test database is copied from. */
    templateDatabase: string;
    /** Unique per `vitest run`, so parallel runs on one server never collide. */
    testRunId: string;
    /** e2e only: where the app under test is served. */
    appBaseUrl: string;
    /** e2e only: the seeded database the app under test reads (for tests that compare pages with data). */
    appDatabaseUrl: string;
  }
}
export {};
