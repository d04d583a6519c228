import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** A form-level message (not tied to one field): errors are announced immediately, notices politely. */
export function FormAlert({
  tone = "error",
  children,
  ...rest
}: {
  tone?: "error" | "success" | "info";
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cx(
        "rounded-lg border px-3 py-2 text-sm",
        tone === "error" && "border-red-200 bg-red-50 text-red-800",
        tone === "success" && "border-emerald-200 bg-emerald-50 text-emerald-800",
        tone === "info" && "border-sky-200 bg-sky-50 text-sky-800",
      )}
      {...rest}
    >
      {children}
    </div>
  );
}
