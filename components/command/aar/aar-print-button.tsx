"use client";

import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (the page's print styles hide the controls). */
export function AarPrintButton() {
  const t = useT("aar");
  return (
    <Button variant="outline" size="sm" onClick={() => window.print()} data-testid="aar-print">
      {t("page.print")}
    </Button>
  );
}
