import { isInProgress, type Export } from '../../../domain/exports/export.js';

/**
 * The current user's latest export, as pages mention it: its progress in the layout's message
 * area while it is queued or running, its reason on their profile once it failed for good (until
 * they start another). A done export is not mentioned: its email says it all.
 */
export type ExportNotice = Readonly<{ progress: number | null; failure: string | null }>;

export function presentExportNotice(latest: Export | null): ExportNotice | null {
  if (!latest) return null;
  if (isInProgress(latest)) return { progress: latest.progress, failure: null };
  if (latest.state === 'failed') return { progress: null, failure: latest.error };
  return null;
}
