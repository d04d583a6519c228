import type { TIncidentStatus, TSeverity } from "@/lib/schemas/incidents";
import { INCIDENT_STATUS_TONE, SEVERITY_TONE } from "@/components/incidents/incident-view";
import { Badge } from "@/components/ui/badge";

export function SeverityBadge({ severity, label }: { severity: TSeverity; label: string }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]} data-testid="severity-badge">
      {label}
    </Badge>
  );
}

export function IncidentStatusBadge({ status, label }: { status: TIncidentStatus; label: string }) {
  return (
    <Badge tone={INCIDENT_STATUS_TONE[status]} dot={status === "ACTIVE"} data-testid="incident-status">
      {label}
    </Badge>
  );
}
