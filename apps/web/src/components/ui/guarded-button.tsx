import { Button, type ButtonProps } from "./button";

/**
 * A button the current role may not use: disabled, with the role it needs as a tooltip. The tooltip
 * sits on a wrapper because browsers send no pointer events to a disabled button; the reason is also
 * in the button's accessible description.
 */
export function GuardedButton({ allowed, reason, ...button }: ButtonProps & { allowed: boolean; reason: string }) {
  if (allowed) return <Button {...button} />;
  return (
    <span title={reason} className="inline-flex cursor-not-allowed">
      <Button {...button} disabled aria-description={reason} onClick={undefined} />
    </span>
  );
}
