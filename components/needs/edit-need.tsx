"use client";

import { useRouter } from "next/navigation";
import type { TNeedDto } from "@/lib/schemas/needs";
import { NeedForm } from "@/components/needs/need-form";

/** The edit form on its own page; saving or cancelling returns to the incident page. */
export function EditNeed(props: {
  incident: { id: string; lat: number; lng: number; address: string };
  need: TNeedDto;
  backHref: string;
  tileUrl: string;
  tileAttribution?: string;
}) {
  const router = useRouter();
  const back = () => router.push(props.backHref);
  return <NeedForm incident={props.incident} need={props.need} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} onDone={back} onCancel={back} />;
}
