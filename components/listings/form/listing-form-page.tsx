import "server-only";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { getServerCaller } from "@/lib/trpc/server";
import type { TListingDto } from "@/lib/schemas/listings";
import { localeHref, paths } from "@/components/layout/routes";
import { ListingForm } from "@/components/listings/form/listing-form";

/** Loads what the form needs (catalogue types, owner organisations) on the server and renders it. */
export async function ListingFormLoader({ locale, listing, justSaved }: { locale: Locale; listing?: TListingDto; justSaved?: boolean }) {
  const caller = await getServerCaller();
  const [types, orgs] = await Promise.all([caller.catalogue.listTypes({ active: true }), caller.listing.owners()]);
  return (
    <ListingForm
      types={types.items.filter((x) => x.category !== "KNIGHT")}
      orgs={orgs}
      tileUrl={env.MAP_TILE_URL}
      tileAttribution={env.MAP_TILE_ATTRIBUTION}
      listing={listing}
      justSaved={justSaved}
      listHref={localeHref(locale, paths.listings)}
    />
  );
}
