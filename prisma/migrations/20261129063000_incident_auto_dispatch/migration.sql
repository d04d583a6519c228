-- Auto mode (issue 5): when on, proposing an incident-wide assignment sends the offers at once.
ALTER TABLE "incident" ADD COLUMN "auto_dispatch" BOOLEAN NOT NULL DEFAULT false;
