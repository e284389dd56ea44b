import type { BootProgress as Progress } from '../../labs/engine/types.ts';

/** Boot progress as a bar and in words. */
export function BootProgress({ progress, label }: { readonly progress: Progress | undefined; readonly label: string }) {
  return (
    <div class="lab-boot" role="status">
      <progress max={1} value={progress?.value ?? 0} aria-label={label} />
      <span>{progress?.text}</span>
    </div>
  );
}
