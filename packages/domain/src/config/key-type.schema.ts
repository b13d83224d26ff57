import { z } from "zod";
import { ProjectIdSchema } from "../projects/project.schema";
import { SettingValueSchemas } from "../settings/settings.schema";
import { ConfigKeySchema } from "./config.schema";

/**
 * A declared type for a config key, stored as JSON and compiled to a Zod schema, so a bad value is
 * refused with Zod's message in every environment. The project settings keys have built-in types
 * (settings.schema.ts) that a project cannot redeclare.
 */
const finite = z.number().finite();
const PATTERN_MAX = 200;

export const KeyTypeSpecSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("string"),
      minLength: z.number().int().min(0).optional(),
      maxLength: z.number().int().min(1).optional(),
      /** A JavaScript regular expression the whole value must match. */
      pattern: z
        .string()
        .max(PATTERN_MAX)
        .refine((p) => {
          try {
            new RegExp(p, "u");
            return true;
          } catch {
            return false;
          }
        }, "pattern is not a valid regular expression")
        .optional(),
      enum: z.array(z.string()).min(1).max(100).optional(),
    })
    .strict(),
  z.object({ type: z.literal("number"), min: finite.optional(), max: finite.optional(), integer: z.boolean().optional() }).strict(),
  z.object({ type: z.literal("boolean") }).strict(),
  z.object({ type: z.literal("object") }).strict(),
  z.object({ type: z.literal("array"), items: z.enum(["string", "number", "boolean", "object"]).optional(), maxItems: z.number().int().min(0).optional() }).strict(),
]);
export type KeyTypeSpec = z.infer<typeof KeyTypeSpecSchema>;

/** Compiles a spec to the Zod schema values are checked with. */
export function compileKeyType(spec: KeyTypeSpec): z.ZodType {
  switch (spec.type) {
    case "string": {
      let s = z.string({ error: "must be a string" });
      if (spec.minLength !== undefined) s = s.min(spec.minLength, `must be at least ${spec.minLength} characters`);
      if (spec.maxLength !== undefined) s = s.max(spec.maxLength, `must be at most ${spec.maxLength} characters`);
      if (spec.pattern !== undefined) s = s.regex(new RegExp(`^(?:${spec.pattern})$`, "u"), `must match /${spec.pattern}/`);
      if (spec.enum) {
        const allowed = spec.enum;
        return s.refine((v) => allowed.includes(v), `must be one of: ${allowed.join(", ")}`);
      }
      return s;
    }
    case "number": {
      let n = z.number({ error: "must be a number" });
      if (spec.integer) n = n.int("must be an integer");
      if (spec.min !== undefined) n = n.min(spec.min, `must be at least ${spec.min}`);
      if (spec.max !== undefined) n = n.max(spec.max, `must be at most ${spec.max}`);
      return n;
    }
    case "boolean":
      return z.boolean({ error: "must be true or false" });
    case "object":
      return z.record(z.string(), z.unknown(), { error: "must be a JSON object" });
    case "array": {
      const item = spec.items === "string" ? z.string() : spec.items === "number" ? z.number() : spec.items === "boolean" ? z.boolean() : spec.items === "object" ? z.record(z.string(), z.unknown()) : z.unknown();
      let a = z.array(item, { error: spec.items ? `must be an array of ${spec.items}s` : "must be an array" });
      if (spec.maxItems !== undefined) a = a.max(spec.maxItems, `must have at most ${spec.maxItems} items`);
      return a;
    }
  }
}

/** Keys whose types are fixed by LLMGuard (the project settings). */
export const BUILTIN_KEY_TYPES: Record<string, z.ZodType> = SettingValueSchemas;

export const SetKeyTypeInputSchema = z.object({
  projectId: ProjectIdSchema,
  key: ConfigKeySchema.refine((k) => !(k in BUILTIN_KEY_TYPES), "This key has a built-in type"),
  spec: KeyTypeSpecSchema,
  description: z.string().trim().max(200).default(""),
});
export type SetKeyTypeInput = z.infer<typeof SetKeyTypeInputSchema>;

export const KeyTypeRefSchema = z.object({ projectId: ProjectIdSchema, key: ConfigKeySchema });

export const KeyTypeSchema = z.object({
  key: z.string(),
  /** null for built-in keys, whose types are described by `description`. */
  spec: KeyTypeSpecSchema.nullable(),
  builtin: z.boolean(),
  description: z.string(),
  updatedAt: z.date().nullable(),
});
export type KeyTypeView = z.infer<typeof KeyTypeSchema>;

/** REST envelope of GET /api/v1/projects/{projectId}/config-types. */
export const KeyTypeListSchema = z.object({ types: z.array(KeyTypeSchema) });
export type KeyTypeList = z.infer<typeof KeyTypeListSchema>;
