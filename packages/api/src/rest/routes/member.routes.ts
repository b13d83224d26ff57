import {
  addMember,
  AddMemberInputSchema,
  changeMemberRole,
  ChangeMemberRoleInputSchema,
  listMembers,
  MemberListSchema,
  MemberSchema,
  ProjectRefSchema,
  removeMember,
  RemoveMemberInputSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** A project's members and their roles (bearer access token). */
export const memberRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/members", tag: "Members", summary: "Project members and their roles", auth: "user",
    input: ProjectRefSchema, output: MemberListSchema,
    handler: async ({ app, user, input }) => ({ members: await listMembers({ app, userId: user.userId, projectId: input.projectId }) }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/members", tag: "Members", summary: "Add an existing user by e-mail (admin)", auth: "user",
    input: AddMemberInputSchema, status: 201, output: MemberSchema, errors: ["CONFLICT"],
    handler: ({ app, user, input, meta }) => addMember({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/projects/{projectId}/members/{userId}", tag: "Members", summary: "Change a member's role (admin)", auth: "user",
    input: ChangeMemberRoleInputSchema, output: MemberSchema,
    handler: ({ app, user, input, meta }) => changeMemberRole({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: "/api/v1/projects/{projectId}/members/{userId}", tag: "Members", summary: "Remove a member (admin), or leave the project", auth: "user",
    input: RemoveMemberInputSchema, status: 204,
    handler: ({ app, user, input, meta }) => removeMember({ app, userId: user.userId, input, ip: meta.ip }),
  }),
];
