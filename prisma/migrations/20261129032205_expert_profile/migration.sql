-- CreateTable
CREATE TABLE "expert_profile" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "specialty" TEXT NOT NULL,
    "region_code" VARCHAR(6) NOT NULL,
    "years_experience" INTEGER,
    "bio" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "expert_profile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "expert_profile_user_id_key" ON "expert_profile"("user_id");

-- CreateIndex
CREATE INDEX "expert_profile_specialty_idx" ON "expert_profile"("specialty");

-- CreateIndex
CREATE INDEX "expert_profile_region_code_idx" ON "expert_profile"("region_code");

-- AddForeignKey
ALTER TABLE "expert_profile" ADD CONSTRAINT "expert_profile_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "expert_profile" ADD CONSTRAINT "expert_profile_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
