-- Audit rows are written by their business transaction into audit_pending without any lock, and chained into
-- audit_event afterwards by ONE autocommit statement (muster_chain_audits): the chain's global lock is then held
-- only while the server runs that statement, never across a client round trip (record-audit.ts).

-- CreateTable
CREATE TABLE "audit_pending" (
    "pseq" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "org_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "content" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_pending_pkey" PRIMARY KEY ("pseq")
);

-- Moves every committed pending row, in pseq order, to the end of the chain: hash = sha256(prev_hash || content)
-- as record-audit.ts auditHash computes it. Returns how many rows it chained. Run it as a statement of its own
-- (autocommit): the transaction-level lock is released by the commit that ends the statement, on the server.
-- VOLATILE (the default), so each statement below takes a fresh snapshot: the reads after the lock see every
-- chain committed before it was granted. Rows committed after the loop's snapshot stay for the next call: they
-- are deleted one by one by pseq, never by range, so none is dropped unchained.
CREATE OR REPLACE FUNCTION muster_chain_audits() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  prev text;
  h text;
  r record;
  n integer := 0;
BEGIN
  -- Nothing visible: every row committed before this statement is already chained (its move committed).
  IF NOT EXISTS (SELECT 1 FROM audit_pending) THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('muster.audit_chain'));
  SELECT e.hash INTO prev FROM audit_event e ORDER BY e.seq DESC LIMIT 1;
  FOR r IN SELECT * FROM audit_pending ORDER BY pseq LOOP
    h := encode(sha256(convert_to(coalesce(prev, '') || r.content, 'UTF8')), 'hex');
    INSERT INTO audit_event (id, actor_id, org_id, action, entity_type, entity_id, data, prev_hash, hash, created_at)
    VALUES (r.id, r.actor_id, r.org_id, r.action, r.entity_type, r.entity_id, r.data, prev, h, r.created_at);
    DELETE FROM audit_pending WHERE pseq = r.pseq;
    prev := h;
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;
