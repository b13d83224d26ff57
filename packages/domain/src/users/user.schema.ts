import { z } from "zod";
import { EmailSchema, NameSchema } from "../auth/auth.schema";

export const ProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  createdAt: z.date(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** Who did something: the author of a version, the actor of an audit entry. */
export const UserRefSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

/** Requirement 8.2. Changing the e-mail needs the current password. */
export const UpdateProfileInputSchema = z
  .object({
    name: NameSchema.optional(),
    email: EmailSchema.optional(),
    currentPassword: z.string().max(200).optional(),
  })
  .refine((v) => v.name !== undefined || v.email !== undefined, { error: "Nothing to update" });
export type UpdateProfileInput = z.infer<typeof UpdateProfileInputSchema>;
