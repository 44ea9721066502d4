import type { Export, ExportId } from '../../../domain/exports/export.js';
import type { TimelinePost } from '../../../domain/posts/post.js';
import type { ReceivedMessage } from '../../../domain/messages/message.js';
import type { CountedUser } from '../../../domain/user-counts.js';
import type { User, UserId } from '../../../domain/user.js';
import { gravatarUrl } from '../presenters/gravatar.js';
import { POST_AVATAR_SIZE } from '../presenters/post-presenter.js';
import { PROFILE_AVATAR_SIZE } from '../presenters/user-presenter.js';
import { exportFailureMessage } from '../presenters/export-presenter.js';

export const userUrl = (id: UserId): string => `/api/users/${id}`;
export const exportUrl = (id: ExportId): string => `/api/exports/${id}`;

/** A user as the API shows it; the email only to its owner, as the website does. */
export function presentUser({ user, counts }: CountedUser, viewer: User) {
  const self = userUrl(user.id);
  return {
    id: user.id,
    username: user.username,
    ...(viewer.id === user.id ? { email: user.email } : {}),
    about_me: user.aboutMe,
    last_seen: user.lastSeen?.toISOString() ?? null,
    post_count: counts.posts,
    follower_count: counts.followers,
    following_count: counts.following,
    _links: {
      self,
      followers: `${self}/followers`,
      following: `${self}/following`,
      posts: `${self}/posts`,
      avatar: gravatarUrl(user.email, PROFILE_AVATAR_SIZE),
    },
  };
}

export function presentPost(post: TimelinePost) {
  return { id: post.id, body: post.body, created_at: post.createdAt.toISOString(), author: presentWriter(post.author) };
}

export function presentMessage(message: ReceivedMessage) {
  return { id: message.id, body: message.body, created_at: message.sentAt.toISOString(), sender: presentWriter(message.sender) };
}

/** Who wrote a post or sent a message, as they are named now. */
function presentWriter(writer: TimelinePost['author']) {
  return { id: writer.id, username: writer.username, _links: { self: userUrl(writer.id), avatar: gravatarUrl(writer.email, POST_AVATAR_SIZE) } };
}

/** An export as its owner follows it; `error` only once it failed, in words meant for them, in the request's language (`t`). */
export function presentExport(exported: Export, t: (key: string) => string) {
  const failure = exported.state === 'failed' ? exportFailureMessage(exported.error) : null;
  return {
    id: exported.id,
    status: exported.state,
    progress: exported.progress,
    ...(failure !== null ? { error: t(failure) } : {}),
    created_at: exported.createdAt.toISOString(),
    updated_at: exported.updatedAt.toISOString(),
    _links: { self: exportUrl(exported.id) },
  };
}
