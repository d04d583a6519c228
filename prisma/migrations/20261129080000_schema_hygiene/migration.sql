-- Schema hygiene: knight_points_entry's foreign keys as schema.prisma declares them (ON UPDATE CASCADE, like
-- every other relation), and the never-written assignment.proof_photo_url (task photos live in knight_task_photo).
-- DropForeignKey
ALTER TABLE "knight_points_entry" DROP CONSTRAINT "knight_points_entry_assignment_id_fkey";

-- DropForeignKey
ALTER TABLE "knight_points_entry" DROP CONSTRAINT "knight_points_entry_knight_id_fkey";

-- AlterTable
ALTER TABLE "assignment" DROP COLUMN "proof_photo_url";

-- AddForeignKey
ALTER TABLE "knight_points_entry" ADD CONSTRAINT "knight_points_entry_knight_id_fkey" FOREIGN KEY ("knight_id") REFERENCES "knight_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knight_points_entry" ADD CONSTRAINT "knight_points_entry_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

