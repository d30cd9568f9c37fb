export {
  ROLES, ACCESS_RULES, LOGIN_LOCKOUT, IP_LOCKOUT, TOKEN_SCOPE, MIN_PASSWORD_LENGTH,
  seesPhonesByDefault, scopeOfPrincipal, checkScopes, requiredScope, hasScope, tokenRole, routeAccess,
  reserveAttempt, afterSuccess, checkNewPassword,
  type Role, type Principal, type LockoutPolicy, type Throttle,
} from './policy.ts';
export { hashPassword, verifyPassword, generatePassword, safeEqual } from './secrets.ts';
export {
  createUser, listUsers, getUser, updateUser, disableUser, setPassword, unlockUser, ensureFirstAdmin,
  type User, type NewUser, type UserPatch,
} from './users.ts';
export {
  login, createSession, sessionUser, endSession, changeOwnPassword, csrfTokenFor, principalOfUser, purgeAuthRecords,
  SESSION_IDLE_MS, SESSION_MAX_MS, type LoginInput, type LoginResult, type NewSession,
} from './sessions.ts';
export { createToken, listTokens, revokeToken, tokenPrincipal, TOKEN_PREFIX, type ApiToken } from './tokens.ts';
