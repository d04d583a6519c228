"use client";

import { useT } from "@/lib/i18n/client";
import { amapUrl, baiduUrl, geoUri, type NavTarget } from "@/components/knight/navigation-links";
import { buttonClasses } from "@/components/ui/button";

/** "Open in navigation" for one point: the phone's map app (geo:), Amap, Baidu. Links, so they work offline-first. */
export function NavigationButtons({ target, which }: { target: NavTarget; which: "pickup" | "dropoff" }) {
  const t = useT("knightApp");
  const place = t(`task.${which}`);
  return (
    <div className="flex flex-wrap gap-2" data-testid={`nav-links-${which}`}>
      <a href={geoUri(target)} className={buttonClasses({ size: "md" })} aria-label={t("task.navigateTo", { place, app: t("task.navPhone") })}>
        {t("task.navPhone")}
      </a>
      <a
        href={amapUrl(target)}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClasses({ variant: "outline", size: "md" })}
        aria-label={t("task.navigateTo", { place, app: t("task.navAmap") })}
      >
        {t("task.navAmap")}
      </a>
      <a
        href={baiduUrl(target)}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClasses({ variant: "outline", size: "md" })}
        aria-label={t("task.navigateTo", { place, app: t("task.navBaidu") })}
      >
        {t("task.navBaidu")}
      </a>
    </div>
  );
}
