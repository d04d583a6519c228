"use client";

import { useState, type ComponentProps } from "react";
import { inputClasses } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";

/** Password input with a show/hide toggle (helps on phones, where typos are common). */
export function PasswordInput({
  showLabel,
  hideLabel,
  className,
  ...props
}: ComponentProps<"input"> & { showLabel: string; hideLabel: string }) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <input {...props} type={visible ? "text" : "password"} className={cx(inputClasses, "h-10 pr-20", className)} />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        className="absolute inset-y-1 right-1 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        {visible ? hideLabel : showLabel}
      </button>
    </div>
  );
}
