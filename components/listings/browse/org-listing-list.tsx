"use client";

import type { TListingCard } from "@/lib/schemas/listing-browse";
import { ListingCard } from "@/components/listings/browse/listing-card";

/** An organisation's listings as browse cards. */
export function OrgListingList({ items }: { items: TListingCard[] }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2" data-testid="org-listings">
      {items.map((item) => <ListingCard key={item.id} item={item} />)}
    </ul>
  );
}
