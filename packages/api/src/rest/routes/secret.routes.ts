import {
  deleteSecret,
  listSecrets,
  ProjectRefSchema,
  RevealedSecretSchema,
  revealSecret,
  rotateSecret,
  RotateSecretInputSchema,
  SecretListSchema,
  SecretMetadataSchema,
  SecretRefSchema,
  setSecret,
  SetSecretInputSchema,
  updateSecretMetadata,
  UpdateSecretMetadataInputSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

const P = "/api/v1/projects/{projectId}/secrets";

/** Secrets (bearer access token). Values appear only in the reveal answer. */
export const secretRoutes = [
  defineRoute({
    method: "GET", path: P, tag: "Secrets", auth: "user", summary: "Names and metadata (rotation status, references), never values",
    input: ProjectRefSchema, output: SecretListSchema,
    handler: async ({ app, user, input }) => ({ secrets: await listSecrets({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "PUT", path: `${P}/{name}`, tag: "Secrets", auth: "user",
    summary: "Create a secret or replace its value at once; rotationDays sets the policy (admin)",
    input: SetSecretInputSchema, output: SecretMetadataSchema,
    handler: ({ app, user, input, meta }) => setSecret({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "PATCH", path: `${P}/{name}`, tag: "Secrets", auth: "user", errors: ["NOT_FOUND"],
    summary: "Change the rotation policy or description; the value and its rotation clock stay (admin)",
    input: UpdateSecretMetadataInputSchema, output: SecretMetadataSchema,
    handler: ({ app, user, input, meta }) => updateSecretMetadata({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "POST", path: `${P}/{name}/reveal`, tag: "Secrets", auth: "user", errors: ["NOT_FOUND"],
    summary: "The value (and the previous one during a grace period); recorded in the audit chain (admin)",
    input: SecretRefSchema, output: RevealedSecretSchema,
    handler: ({ app, user, input, meta }) => revealSecret({ app, userId: user.userId, ref: input, ip: meta.ip }),
  }),
  defineRoute({
    method: "POST", path: `${P}/{name}/rotate`, tag: "Secrets", auth: "user", errors: ["NOT_FOUND"],
    summary: "A new value; the previous one is still served as `previous` for gracePeriodHours (admin)",
    input: RotateSecretInputSchema, output: SecretMetadataSchema,
    handler: ({ app, user, input, meta }) => rotateSecret({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: `${P}/{name}`, tag: "Secrets", auth: "user", status: 204, errors: ["NOT_FOUND", "CONFLICT"],
    summary: "Delete a secret; refused while config references it (admin)",
    input: SecretRefSchema,
    handler: ({ app, user, input, meta }) => deleteSecret({ app, userId: user.userId, ref: input, ip: meta.ip }),
  }),
];
