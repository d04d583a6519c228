"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { SearchState } from "@/components/search/search-url";

const point = (lat: number, lng: number) => `${lat.toFixed(5)},${lng.toFixed(5)}`;

/** "Near me" (browser geolocation, with a plain message when refused), "near this incident", the radius, or anywhere. */
export function SearchNear(props: { state: SearchState; incidents: { id: string; title: string; lat: number; lng: number }[]; onChange: (next: SearchState) => void }) {
  const { state, onChange } = props;
  const t = useT("search");
  const [status, setStatus] = useState<"idle" | "locating" | "denied" | "unavailable">("idle");
  const nearMe = () => {
    if (!("geolocation" in navigator)) return setStatus("unavailable");
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setStatus("idle");
        onChange({ ...state, near: point(pos.coords.latitude, pos.coords.longitude) });
      },
      (err) => setStatus(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable"),
      { maximumAge: 60_000, timeout: 10_000 },
    );
  };
  const incidentAt = props.incidents.find((i) => state.near === point(i.lat, i.lng))?.id ?? "";
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="search-near-heading" data-testid="search-near">
      <h2 id="search-near-heading" className="text-sm font-semibold text-slate-900">{t("near.heading")}</h2>
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" variant={state.near && !incidentAt ? "secondary" : "outline"} onClick={nearMe} data-testid="search-near-me">{t("near.me")}</Button>
        {state.near ? (
          <Button type="button" size="sm" variant="ghost" onClick={() => onChange({ ...state, near: undefined, radiusKm: undefined })} data-testid="search-near-off">{t("near.off")}</Button>
        ) : null}
      </div>
      {status === "locating" ? <p role="status" className="text-sm text-slate-600">{t("near.locating")}</p> : null}
      {status === "denied" || status === "unavailable" ? (
        <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="search-near-denied">{t(status === "denied" ? "near.denied" : "near.unavailable")}</p>
      ) : null}
      {props.incidents.length > 0 ? (
        <Field id="search-near-incident" label={t("near.incident")}>
          <Select
            value={incidentAt}
            onChange={(e) => {
              const i = props.incidents.find((x) => x.id === e.target.value);
              onChange({ ...state, near: i ? point(i.lat, i.lng) : undefined, ...(i ? {} : { radiusKm: undefined }) });
            }}
            data-testid="search-near-incident"
          >
            <option value="">{t("near.chooseIncident")}</option>
            {props.incidents.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
          </Select>
        </Field>
      ) : null}
      {state.near ? (
        <Field id="search-radius" label={t("near.radius")}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={2000}
            defaultValue={state.radiusKm ?? ""}
            onBlur={(e) => onChange({ ...state, radiusKm: e.target.value ? Math.min(2000, Math.max(1, Number(e.target.value))) : undefined })}
            data-testid="search-radius"
          />
        </Field>
      ) : null}
    </section>
  );
}
