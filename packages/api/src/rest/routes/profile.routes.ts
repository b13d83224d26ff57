import { getProfile, ProfileSchema, updateProfile, UpdateProfileInputSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** The signed-in user's own profile. */
export const profileRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/me", tag: "Profile", summary: "Your profile", auth: "user", output: ProfileSchema,
    handler: ({ app, user }) => getProfile({ app, userId: user.userId }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/me", tag: "Profile", summary: "Update your name, or your e-mail with your current password", auth: "user",
    input: UpdateProfileInputSchema, output: ProfileSchema, errors: ["INVALID_CREDENTIALS", "EMAIL_TAKEN"],
    handler: ({ app, user, input, meta }) => updateProfile({ app, userId: user.userId, input, ip: meta.ip }),
  }),
];
