import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import type { TListingCounts } from "@/lib/schemas/dashboard";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";

const STATUSES = ["AVAILABLE", "DRAFT", "OUT_OF_SERVICE", "RETIRED"] as const;

/** Listings per status as proportional bars (available first: it is what matching can use). */
export async function ListingBreakdown({ locale, title, counts }: { locale: Locale; title: string; counts: TListingCounts }) {
  const t = await getT(locale, "dashboard");
  return (
    <Card data-testid="listing-breakdown">
      <CardHeader title={title} headingLevel={3} />
      <CardBody className="space-y-4">
        {STATUSES.map((s) => (
          <ProgressBar
            key={s}
            label={t(`listingStatus.${s}`)}
            value={counts[s]}
            max={counts.total}
            valueText={formatNumber(locale, counts[s])}
            tone={s === "AVAILABLE" ? "success" : "slate"}
          />
        ))}
      </CardBody>
    </Card>
  );
}
