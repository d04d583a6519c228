import type { KnightProfileRow, KnightTrainingRow } from "./knights";
import type { UserRow } from "./members";
import type { SeedOrg } from "./organizations";
import type { CredentialRow, ResourceRow, WindowRow } from "./resources";

/**
 * Near-COPY-speed inserts without pg-copy-streams: one statement per batch,
 *   INSERT INTO t (c1, c2, …) SELECT * FROM unnest($1::text[], $2::float8[], …)
 * with one array parameter per column (so the statement has a handful of parameters whatever the batch
 * size, unlike a multi-row VALUES list). Used for the big tables of the base seed (through a Prisma
 * transaction, see insert-dataset) and for everything above the default scale (through pg).
 */
export interface Column<T> {
  name: string;
  /** PostgreSQL element type, e.g. "text", "int4", "float8", "jsonb", "timestamptz", "travel_range". */
  type: string;
  get: (row: T) => unknown;
}

/** A pg client/pool, or a Prisma transaction wrapped as `{ query: (sql, v) => tx.$executeRawUnsafe(sql, ...v) }`. */
export interface Queryable {
  query(sql: string, values: unknown[]): Promise<unknown>;
}

export async function insertUnnest<T>(db: Queryable, table: string, columns: Column<T>[], rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  // Type names are lower-case identifiers (built-ins and the schema's snake_case enums): no quoting needed.
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`);
  const values = columns.map((c) =>
    rows.map((r) => {
      const v = c.get(r);
      if (v === undefined || v === null) return null;
      if (v instanceof Date) return v.toISOString();
      if (c.type === "jsonb") return JSON.stringify(v);
      return v;
    }),
  );
  await db.query(`INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${params.join(", ")})`, values);
}

const col = <T>(name: string, type: string, get: (row: T) => unknown): Column<T> => ({ name, type, get });

export const RESOURCE_COLUMNS: Column<ResourceRow>[] = [
  col("id", "text", (r) => r.id),
  col("type_id", "text", (r) => r.typeId),
  col("owner_org_id", "text", (r) => r.ownerOrgId),
  col("owner_user_id", "text", (r) => r.ownerUserId),
  col("title", "text", (r) => r.title),
  col("title_en", "text", (r) => r.titleEn),
  col("description", "text", (r) => r.description),
  col("capabilities", "jsonb", (r) => r.capabilities),
  col("total_quantity", "int4", (r) => r.totalQuantity),
  col("committed_quantity", "int4", (r) => r.committedQuantity ?? 0),
  col("unit", "text", (r) => r.unit),
  col("lat", "float8", (r) => r.lat),
  col("lng", "float8", (r) => r.lng),
  col("address", "text", (r) => r.address),
  col("region_code", "text", (r) => r.regionCode),
  col("travel_range", "travel_range", (r) => r.travelRange),
  col("max_travel_km", "int4", (r) => r.maxTravelKm),
  col("mobilization_minutes", "int4", (r) => r.mobilizationMinutes),
  col("speed_kmh", "int4", (r) => r.speedKmh),
  col("status", "resource_status", (r) => r.status),
  col("pricing_mode", "pricing_mode", (r) => r.pricingMode),
  col("price_cents", "int4", (r) => r.priceCents),
  col("deposit_cents", "int4", (r) => r.depositCents),
  col("currency", "text", (r) => r.currency ?? "CNY"),
  col("completed_count", "int4", (r) => r.completedCount),
  col("declined_count", "int4", (r) => r.declinedCount),
  col("offered_count", "int4", (r) => r.offeredCount),
  col("rating_avg", "float8", (r) => r.ratingAvg),
  col("rating_count", "int4", (r) => r.ratingCount),
  col("version", "int4", (r) => r.version ?? 1),
  col("created_at", "timestamptz", (r) => r.createdAt),
  col("updated_at", "timestamptz", (r) => r.updatedAt),
];

export const CREDENTIAL_COLUMNS: Column<CredentialRow>[] = [
  col("id", "text", (r) => r.id),
  col("resource_id", "text", (r) => r.resourceId),
  col("knight_profile_id", "text", (r) => r.knightProfileId),
  col("user_id", "text", (r) => r.userId),
  col("kind", "text", (r) => r.kind),
  col("number", "text", (r) => r.number),
  col("issuer", "text", (r) => r.issuer),
  col("valid_from", "timestamptz", (r) => r.validFrom),
  col("valid_until", "timestamptz", (r) => r.validUntil),
  col("verified", "bool", (r) => r.verified ?? false),
  col("verified_at", "timestamptz", (r) => r.verifiedAt),
  col("created_at", "timestamptz", (r) => r.createdAt),
  col("updated_at", "timestamptz", (r) => r.updatedAt),
];

export const WINDOW_COLUMNS: Column<WindowRow>[] = [
  col("id", "text", (r) => r.id),
  col("resource_id", "text", (r) => r.resourceId),
  col("kind", "availability_kind", (r) => r.kind),
  col("weekday", "int4", (r) => r.weekday),
  col("start_minute", "int4", (r) => r.startMinute),
  col("end_minute", "int4", (r) => r.endMinute),
  col("starts_at", "timestamptz", (r) => r.startsAt),
  col("ends_at", "timestamptz", (r) => r.endsAt),
  col("created_at", "timestamptz", (r) => r.createdAt),
  col("updated_at", "timestamptz", (r) => r.updatedAt),
];

export const ORGANIZATION_COLUMNS: Column<SeedOrg>[] = [
  col("id", "text", (o) => o.id),
  col("name", "text", (o) => o.row.name),
  col("name_en", "text", (o) => o.row.nameEn),
  col("kind", "org_kind", (o) => o.row.kind),
  col("region_code", "text", (o) => o.row.regionCode),
  col("unified_social_credit_code", "text", (o) => o.row.unifiedSocialCreditCode),
  col("contact_name", "text", (o) => o.row.contactName),
  col("contact_phone", "text", (o) => o.row.contactPhone),
  col("contact_email", "text", (o) => o.row.contactEmail),
  col("address", "text", (o) => o.row.address),
  col("description", "text", (o) => o.row.description),
  col("verification", "verification_status", (o) => o.row.verification),
  col("verified_at", "timestamptz", (o) => o.row.verifiedAt),
  col("rejection_reason", "text", (o) => o.row.rejectionReason),
  col("requires_need_approval", "bool", (o) => o.row.requiresNeedApproval ?? false),
  col("lat", "float8", (o) => o.row.lat),
  col("lng", "float8", (o) => o.row.lng),
  col("created_at", "timestamptz", (o) => o.row.createdAt),
  col("updated_at", "timestamptz", (o) => o.row.updatedAt),
];

export const USER_COLUMNS: Column<UserRow>[] = [
  col("id", "text", (r) => r.id),
  col("name", "text", (r) => r.name),
  col("email", "text", (r) => r.email),
  col("email_verified", "timestamptz", (r) => r.emailVerified),
  col("phone", "text", (r) => r.phone),
  col("password_hash", "text", (r) => r.passwordHash),
  col("locale", "text", (r) => r.locale ?? "zh-CN"),
  col("platform_role", "platform_role", (r) => r.platformRole ?? "USER"),
  col("kind", "user_kind", (r) => r.kind ?? "REQUESTER"),
  col("created_at", "timestamptz", (r) => r.createdAt),
  col("updated_at", "timestamptz", (r) => r.updatedAt),
];

export const KNIGHT_PROFILE_COLUMNS: Column<KnightProfileRow>[] = [
  col("id", "text", (r) => r.id),
  col("user_id", "text", (r) => r.userId),
  col("vehicle", "vehicle", (r) => r.vehicle),
  col("payload_kg", "int4", (r) => r.payloadKg),
  col("delivery_platform", "text", (r) => r.deliveryPlatform),
  col("home_district_code", "text", (r) => r.homeDistrictCode),
  col("on_duty", "bool", (r) => r.onDuty ?? false),
  col("on_duty_since", "timestamptz", (r) => r.onDutySince),
  col("duty_stint_started_at", "timestamptz", (r) => r.dutyStintStartedAt),
  col("last_lat", "float8", (r) => r.lastLat),
  col("last_lng", "float8", (r) => r.lastLng),
  col("last_position_at", "timestamptz", (r) => r.lastPositionAt),
  col("public_cell", "text", (r) => r.publicCell),
  col("points", "int4", (r) => r.points ?? 0),
  col("completed_count", "int4", (r) => r.completedCount ?? 0),
  col("no_show_count", "int4", (r) => r.noShowCount ?? 0),
  col("declined_count", "int4", (r) => r.declinedCount ?? 0),
  col("status", "knight_status", (r) => r.status ?? "ACTIVE"),
  col("platform_org_id", "text", (r) => r.platformOrgId),
  col("external_rider_id", "text", (r) => r.externalRiderId),
  col("created_at", "timestamptz", (r) => r.createdAt),
  col("updated_at", "timestamptz", (r) => r.updatedAt),
];

export const KNIGHT_TRAINING_COLUMNS: Column<KnightTrainingRow>[] = [
  col("id", "text", (r) => r.id),
  col("knight_id", "text", (r) => r.knightId),
  col("code", "text", (r) => r.code),
  col("valid_until", "timestamptz", (r) => r.validUntil),
  col("created_at", "timestamptz", (r) => r.createdAt),
  col("updated_at", "timestamptz", (r) => r.updatedAt),
];
