-- Issue 14: suppliers offer to help on open needs (the work board). A volunteered listing is only a marked
-- candidate in the dispatcher's matching panel; it becomes an assignment through the normal propose → offer path.

CREATE TABLE "volunteer" (
    "id" TEXT NOT NULL,
    "need_id" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "org_id" TEXT,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "volunteer_need_id_idx" ON "volunteer"("need_id");
-- CreateIndex
CREATE INDEX "volunteer_resource_id_idx" ON "volunteer"("resource_id");
-- CreateIndex
CREATE INDEX "volunteer_org_id_idx" ON "volunteer"("org_id");
-- CreateIndex
CREATE INDEX "volunteer_user_id_idx" ON "volunteer"("user_id");
-- AddForeignKey
ALTER TABLE "volunteer" ADD CONSTRAINT "volunteer_need_id_fkey" FOREIGN KEY ("need_id") REFERENCES "need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "volunteer" ADD CONSTRAINT "volunteer_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "volunteer" ADD CONSTRAINT "volunteer_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "volunteer" ADD CONSTRAINT "volunteer_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One live offer per (need, listing); a withdrawn one may be offered again.
CREATE UNIQUE INDEX "volunteer_live_need_resource_key" ON "volunteer"("need_id", "resource_id") WHERE "withdrawn_at" IS NULL;
