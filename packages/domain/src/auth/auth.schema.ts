import { z } from "zod";

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: "Enter a valid e-mail address" }))
  .transform((e) => e.toLowerCase());

/** Requirement 1.1: at least 10 characters with a letter and a digit. */
export const PasswordSchema = z
  .string()
  .min(10, "Password must be at least 10 characters")
  .max(200, "Password must be at most 200 characters")
  .regex(/[A-Za-z]/, "Password must contain a letter")
  .regex(/\d/, "Password must contain a digit");

export const NameSchema = z.string().trim().max(100, "Name must be at most 100 characters");

export const RegisterInputSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  name: NameSchema.optional(),
});
export type RegisterInput = z.infer<typeof RegisterInputSchema>;

export const RegisteredUserSchema = z.object({ id: z.string(), email: z.string() });

export const LoginInputSchema = z.object({
  email: z.string().trim().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const TokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const RefreshInputSchema = z.object({ refreshToken: z.string().min(1).max(200) });
export const LogoutInputSchema = z.object({ refreshToken: z.string().min(1).max(200).optional() });

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });
export const PasswordResetConfirmSchema = z.object({ token: z.string().min(1).max(200), password: PasswordSchema });

export const OkSchema = z.object({ ok: z.literal(true) });
