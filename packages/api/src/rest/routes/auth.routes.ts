import {
  authenticateAccessToken,
  confirmPasswordReset,
  loginUser,
  LoginInputSchema,
  logoutUser,
  LogoutInputSchema,
  OkSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  refreshTokens,
  RefreshInputSchema,
  registerUser,
  RegisterInputSchema,
  RegisteredUserSchema,
  requestPasswordReset,
  TokenPairSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";
import { bearerToken } from "../http";

const ok = { ok: true as const };

/** Accounts and sessions (public: these routes hand out the access token). */
export const authRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/auth/register", tag: "Auth", summary: "Create an account", auth: "none",
    input: RegisterInputSchema, status: 201, output: RegisteredUserSchema, errors: ["EMAIL_TAKEN"],
    handler: ({ app, input, meta }) => registerUser({ app, input, meta }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/login", tag: "Auth", summary: "Log in: an access token (15 min) and a refresh token (7 days)", auth: "none",
    input: LoginInputSchema, output: TokenPairSchema, errors: ["INVALID_CREDENTIALS", "RATE_LIMITED"],
    handler: async ({ app, input, meta }) => {
      const { accessToken, refreshToken, expiresIn } = await loginUser({ app, input, meta });
      return { accessToken, refreshToken, expiresIn };
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/refresh", tag: "Auth", summary: "Exchange a refresh token for a new pair (the refresh token rotates)", auth: "none",
    input: RefreshInputSchema, output: TokenPairSchema, errors: ["INVALID_TOKEN"],
    handler: async ({ app, input }) => {
      const { accessToken, refreshToken, expiresIn } = await refreshTokens({ app, refreshToken: input.refreshToken });
      return { accessToken, refreshToken, expiresIn };
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/logout", tag: "Auth", auth: "none",
    summary: "Revoke the session of the bearer access token (or of the refresh token in the body)",
    input: LogoutInputSchema, output: OkSchema, errors: ["UNAUTHENTICATED"],
    handler: async ({ app, req, input, meta }) => {
      const token = bearerToken(req);
      const user = token ? await authenticateAccessToken({ app, token }) : null;
      await logoutUser({ app, sessionId: user?.sessionId, refreshToken: input.refreshToken, meta });
      return ok;
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/password-reset/request", tag: "Auth", auth: "none", status: 202,
    summary: "E-mail a password reset link (same answer whether or not the address has an account)",
    input: PasswordResetRequestSchema, output: OkSchema, errors: ["RATE_LIMITED"],
    handler: async ({ app, input, meta }) => {
      await requestPasswordReset({ app, email: input.email, meta });
      return ok;
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/auth/password-reset/confirm", tag: "Auth", auth: "none",
    summary: "Set a new password with the token from the e-mail; every session is revoked",
    input: PasswordResetConfirmSchema, output: OkSchema, errors: ["INVALID_TOKEN"],
    handler: async ({ app, input, meta }) => {
      await confirmPasswordReset({ app, token: input.token, password: input.password, meta });
      return ok;
    },
  }),
];
