"use client";

import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/auth/use-hydrated";

/**
 * Full-width primary submit that says what is happening while the request runs. Disabled until
 * hydrated: a click before React takes over would submit the form natively, bypassing validation
 * (and, for a GET, putting the password in the URL).
 */
export function SubmitButton(props: { pending: boolean; label: string; pendingLabel: string; testId: string }) {
  const hydrated = useHydrated();
  return (
    <Button
      type="submit"
      size="lg"
      className="w-full"
      disabled={props.pending || !hydrated}
      aria-busy={props.pending || undefined}
      data-testid={props.testId}
    >
      {props.pending ? props.pendingLabel : props.label}
    </Button>
  );
}
