import { isInProgress, type Export } from '../../../domain/exports/export.js';
import { EXPORT_FAILURES } from '../../../domain/use-cases/export-posts.js';

/**
 * The current user's latest export, as pages mention it: its progress in the layout's message
 * area while it is queued or running, its reason on their profile once it failed for good (until
 * they start another), as a message key. A done export is not mentioned: its email says it all.
 */
export type ExportNotice = Readonly<{ progress: number | null; failure: string | null }>;

export function presentExportNotice(latest: Export | null): ExportNotice | null {
  if (!latest) return null;
  if (isInProgress(latest)) return { progress: latest.progress, failure: null };
  if (latest.state === 'failed') return { progress: null, failure: exportFailureMessage(latest.error) };
  return null;
}

// The owner's words for each of the domain's reasons, as message keys.
const FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  [EXPORT_FAILURES.mailRefused]: 'The mail server refused the email with your posts.',
  [EXPORT_FAILURES.mailUnavailable]: 'The mail server did not take the email with your posts, however often it was tried.',
  [EXPORT_FAILURES.accountGone]: 'Your account no longer exists.',
  [EXPORT_FAILURES.unexpected]: 'Something went wrong on our side while exporting your posts.',
};

/** The message key of why an export failed; a reason kept in words before reasons were codes is shown as it is. */
export function exportFailureMessage(reason: string | null): string | null {
  return reason === null ? null : FAILURE_MESSAGES[reason] ?? reason;
}
