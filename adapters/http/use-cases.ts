import type { CheckResetToken } from '../../domain/use-cases/check-reset-token.js';
import type { AuthenticateAccessToken } from '../../domain/use-cases/authenticate-access-token.js';
import type { EditProfile } from '../../domain/use-cases/edit-profile.js';
import type { EndSession } from '../../domain/use-cases/end-session.js';
import type { ExplorePosts } from '../../domain/use-cases/explore-posts.js';
import type { GetExport } from '../../domain/use-cases/get-export.js';
import type { FollowUser } from '../../domain/use-cases/follow-user.js';
import type { GetProfile } from '../../domain/use-cases/get-profile.js';
import type { HomeTimeline } from '../../domain/use-cases/home-timeline.js';
import type { IssueAccessToken } from '../../domain/use-cases/issue-access-token.js';
import type { ListFollows } from '../../domain/use-cases/list-follows.js';
import type { ListUsers } from '../../domain/use-cases/list-users.js';
import type { LogIn } from '../../domain/use-cases/log-in.js';
import type { PublishPost } from '../../domain/use-cases/publish-post.js';
import type { RecordLastSeen } from '../../domain/use-cases/record-last-seen.js';
import type { RegisterUser } from '../../domain/use-cases/register-user.js';
import type { RequestPasswordReset } from '../../domain/use-cases/request-password-reset.js';
import type { ResetPassword } from '../../domain/use-cases/reset-password.js';
import type { ResumeSession } from '../../domain/use-cases/resume-session.js';
import type { SearchPosts } from '../../domain/use-cases/search-posts.js';
import type { RevokeAccessToken } from '../../domain/use-cases/revoke-access-token.js';
import type { StartExport } from '../../domain/use-cases/start-export.js';
import type { StartSession } from '../../domain/use-cases/start-session.js';
import type { UnfollowUser } from '../../domain/use-cases/unfollow-user.js';
import type { UserPosts } from '../../domain/use-cases/user-posts.js';

/** The domain operations the web app and its API drive, built by the composition root. */
export type UseCases = Readonly<{
  registerUser: RegisterUser;
  logIn: LogIn;
  startSession: StartSession;
  resumeSession: ResumeSession;
  endSession: EndSession;
  recordLastSeen: RecordLastSeen;
  getProfile: GetProfile;
  editProfile: EditProfile;
  publishPost: PublishPost;
  homeTimeline: HomeTimeline;
  explorePosts: ExplorePosts;
  userPosts: UserPosts;
  followUser: FollowUser;
  unfollowUser: UnfollowUser;
  /** Null when the site sends no mail: reset by email is then not offered. */
  requestPasswordReset: RequestPasswordReset | null;
  checkResetToken: CheckResetToken;
  resetPassword: ResetPassword;
  listUsers: ListUsers;
  listFollows: ListFollows;
  issueAccessToken: IssueAccessToken;
  authenticateAccessToken: AuthenticateAccessToken;
  revokeAccessToken: RevokeAccessToken;
  /** Null when the site sends no mail: exporting posts is then not offered. */
  startExport: StartExport | null;
  getExport: GetExport;
  searchPosts: SearchPosts;
}>;
