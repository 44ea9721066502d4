import type { Logger } from '../../domain/ports/logger.js';
import type { ExportPosts } from '../../domain/use-cases/export-posts.js';
import type { JobHandler } from './job-runner.js';

/** Runs export jobs; when the queue gives up on one, its owner's profile says so. */
export function exportPostsHandler(useCase: ExportPosts, logger: Logger): JobHandler {
  return {
    run: async (job) => (await useCase.execute(job)).map((outcome) => {
      logger.info(outcome === 'emailed' ? 'Posts exported and emailed' : 'Export job ran again after its export had ended; nothing sent');
    }),
    failedForGood: (job) => useCase.failedForGood(job),
  };
}
