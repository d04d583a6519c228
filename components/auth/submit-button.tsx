import { Button } from "@/components/ui/button";

/** Full-width primary submit that says what is happening while the request runs. */
export function SubmitButton(props: { pending: boolean; label: string; pendingLabel: string; testId: string }) {
  return (
    <Button
      type="submit"
      size="lg"
      className="w-full"
      disabled={props.pending}
      aria-busy={props.pending || undefined}
      data-testid={props.testId}
    >
      {props.pending ? props.pendingLabel : props.label}
    </Button>
  );
}
