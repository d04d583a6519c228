-- Issue 18: least-privilege API keys and request budgets.

-- Request budgets (server/modules/rate-limit): one fixed-window counter per subject, shared by all instances.
CREATE TABLE "rate_limit_bucket" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_bucket_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "rate_limit_bucket_window_start_idx" ON "rate_limit_bucket"("window_start");

-- Scopes were stored but never enforced, so every existing key has none. Give each the scopes its
-- organisation's current use needs (the same lists as SCOPES_BY_ORG_KIND in lib/schemas/api-keys.ts, narrowed):
--  - a delivery platform (it has riders): its riders, and the catalogue;
--  - a government organisation: incidents and their needs, matching, listings and the catalogue to read;
--  - any other organisation (a supplier): its listings, answering offers, and the catalogue.
UPDATE "api_key" k
SET "scopes" = CASE
    WHEN EXISTS (SELECT 1 FROM "knight_profile" p WHERE p."platform_org_id" = k."org_id")
      THEN ARRAY['catalogue:read', 'platform:riders']
    WHEN o."kind" = 'GOVERNMENT'
      THEN ARRAY['catalogue:read', 'listings:read', 'incidents:read', 'incidents:write', 'match:read']
    ELSE ARRAY['catalogue:read', 'listings:read', 'listings:write', 'offers:respond']
  END
FROM "organization" o
WHERE o."id" = k."org_id" AND k."scopes" = '{}';
