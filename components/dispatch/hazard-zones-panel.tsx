"use client";

import { useT } from "@/lib/i18n/client";
import { KNOWN_TRAININGS } from "@/lib/schemas/knight-profile";
import { FormAlert } from "@/components/auth/form-alert";
import { useHydrated } from "@/components/auth/use-hydrated";
import { HAZARD_SEVERITIES, type HazardSeverity, type HazardZonesState } from "@/components/dispatch/use-hazard-zones";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

/**
 * Hazard zones of an incident: drawn on the incident map (start, click corners, finish, then name,
 * severity, training needed to enter), listed, deactivated. Dispatch never offers a task whose points lie
 * inside an active zone to a knight without that training (the rule lives on the server).
 */
export function HazardZonesPanel({ hz, canEdit }: { hz: HazardZonesState; canEdit: boolean }) {
  const t = useT("knightDispatch");
  const tk = useT("knight");
  const hydrated = useHydrated();
  const trainingName = (code: string) => {
    const name = tk(`trainings.names.${code}`);
    return name.startsWith("knight.") ? code : name;
  };
  const err = (k: string) => Object.entries(hz.errors).find(([path]) => path === k || path.startsWith(`${k}.`))?.[1]?.[0];
  return (
    <Card data-testid="hazard-zones">
      <CardHeader
        title={t("hazards.title")}
        description={t("hazards.subtitle")}
        headingLevel={3}
        action={
          canEdit && !hz.drawing ? (
            <Button size="sm" variant="outline" disabled={!hydrated} onClick={hz.start} data-testid="hazard-draw">
              {t("hazards.draw")}
            </Button>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        {hz.saved ? <FormAlert tone="success" data-testid="hazard-saved">{t("hazards.saved")}</FormAlert> : null}
        {hz.drawing ? (
          <div className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid="hazard-editor">
            <p className="text-sm text-slate-700" role="status" data-testid="hazard-corner-count" data-count={hz.corners.length}>
              {hz.corners.length ? t("hazards.points", { count: hz.corners.length }) : t("hazards.drawing")}
            </p>
            {!hz.finished ? (
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="outline" disabled={!hz.corners.length} onClick={hz.undo}>
                  {t("hazards.undo")}
                </Button>
                <Button size="sm" disabled={hz.corners.length < 3} onClick={hz.finish} data-testid="hazard-finish">
                  {t("hazards.finish")}
                </Button>
                <Button size="sm" variant="ghost" onClick={hz.cancel}>
                  {t("hazards.cancel")}
                </Button>
              </div>
            ) : (
              <div className="grid gap-3">
                {err("_form") || err("polygon") ? <FormAlert>{err("_form") ?? err("polygon")}</FormAlert> : null}
                <Field id="hazard-name" label={t("hazards.name")} error={err("name")} required>
                  <Input value={hz.form.name} onChange={(e) => hz.form.setName(e.target.value)} maxLength={80} data-testid="hazard-name" />
                </Field>
                <Field id="hazard-severity" label={t("hazards.severity")} error={err("severity")}>
                  <Select value={hz.form.severity} onChange={(e) => hz.form.setSeverity(e.target.value as HazardSeverity)} data-testid="hazard-severity">
                    {HAZARD_SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {t(`hazards.severityLabels.${s}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field id="hazard-training" label={t("hazards.training")} error={err("requiredTraining")}>
                  <Select value={hz.form.training} onChange={(e) => hz.form.setTraining(e.target.value)} data-testid="hazard-training">
                    <option value="">{t("hazards.trainingNone")}</option>
                    {KNOWN_TRAININGS.map((c) => (
                      <option key={c} value={c}>
                        {trainingName(c)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <div className="flex justify-end gap-2">
                  <Button variant="ghost" onClick={hz.cancel}>
                    {t("hazards.cancel")}
                  </Button>
                  <Button onClick={hz.save} disabled={hz.saving} aria-busy={hz.saving || undefined} data-testid="hazard-save">
                    {hz.saving ? t("hazards.saving") : t("hazards.save")}
                  </Button>
                </div>
              </div>
            )}
          </div>
        ) : null}
        {hz.loaded && hz.zones.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="hazard-empty">{t("hazards.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="hazard-list">
            {hz.zones.map((z) => (
              <li key={z.id} className="flex items-center justify-between gap-3 py-2" data-testid="hazard-row" data-active={z.active ? "true" : "false"}>
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">{z.name}</p>
                  <div className="mt-0.5 flex flex-wrap gap-1.5">
                    <Badge tone={z.severity === "I" || z.severity === "II" ? "danger" : "warning"}>{t(`hazards.severityLabels.${z.severity}`)}</Badge>
                    {z.requiredTraining ? <Badge tone="info">{t("hazards.requires", { training: trainingName(z.requiredTraining) })}</Badge> : null}
                    {!z.active ? <Badge>{t("hazards.inactive")}</Badge> : null}
                  </div>
                </div>
                {canEdit && z.active ? (
                  <Button size="sm" variant="outline" disabled={hz.deactivatingId !== null} onClick={() => hz.deactivate(z.id)} data-testid="hazard-deactivate">
                    {hz.deactivatingId === z.id ? t("hazards.deactivating") : t("hazards.deactivate")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
