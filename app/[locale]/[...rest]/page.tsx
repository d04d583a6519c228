import { notFound } from "next/navigation";

/** Unknown paths under a locale render app/[locale]/not-found.tsx (translated), not the bare root 404. */
export default function CatchAllNotFound() {
  notFound();
}
