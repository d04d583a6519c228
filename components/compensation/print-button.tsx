"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (the page's print styles hide the app's chrome and forms). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button variant="outline" size="sm" className="print:hidden" onClick={() => window.print()} data-testid="print-button">
      {label}
    </Button>
  );
}
