"use client";

import { useMutation } from "@tanstack/react-query";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { FormAlert } from "@/components/auth/form-alert";
import { useHydrated } from "@/components/auth/use-hydrated";
import { Button, ButtonLink } from "@/components/ui/button";

/** The accept button; on success it points to the organisation page. */
export function AcceptInvitation({ token, orgHref }: { token: string; orgHref: string }) {
  const t = useT("org");
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const accept = useMutation(trpc.org.acceptInvitation.mutationOptions());
  if (accept.isSuccess) {
    return (
      <div className="space-y-3">
        <FormAlert tone="success" data-testid="invitation-accepted">{t("accept.accepted")}</FormAlert>
        <ButtonLink href={orgHref} data-testid="invitation-go-to-org">{t("accept.goToOrg")}</ButtonLink>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {accept.isError ? <FormAlert data-testid="invitation-error">{accept.error.message || t("errors.generic")}</FormAlert> : null}
      <Button size="lg" disabled={!hydrated || accept.isPending} onClick={() => accept.mutate({ token })} data-testid="invitation-accept">
        {accept.isPending ? t("accept.accepting") : t("accept.accept")}
      </Button>
    </div>
  );
}
