import type { EditProfile } from '../../domain/use-cases/edit-profile.js';
import type { GetProfile } from '../../domain/use-cases/get-profile.js';
import type { IdentifyUser } from '../../domain/use-cases/identify-user.js';
import type { LogIn } from '../../domain/use-cases/log-in.js';
import type { RecordLastSeen } from '../../domain/use-cases/record-last-seen.js';
import type { RegisterUser } from '../../domain/use-cases/register-user.js';

/** The domain operations the web app drives, built by the composition root. */
export type UseCases = Readonly<{
  registerUser: RegisterUser;
  logIn: LogIn;
  identifyUser: IdentifyUser;
  recordLastSeen: RecordLastSeen;
  getProfile: GetProfile;
  editProfile: EditProfile;
}>;
