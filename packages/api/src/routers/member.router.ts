import { z } from "zod";
import {
  addMember,
  AddMemberInputSchema,
  changeMemberRole,
  ChangeMemberRoleInputSchema,
  listMembers,
  MemberSchema,
  ProjectRefSchema,
  removeMember,
  RemoveMemberInputSchema,
} from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const memberRouter = router({
  list: authedProcedure
    .input(ProjectRefSchema)
    .output(z.array(MemberSchema))
    .query(({ ctx, input }) => listMembers({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
  add: authedProcedure
    .input(AddMemberInputSchema)
    .output(MemberSchema)
    .mutation(({ ctx, input }) => addMember({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  changeRole: authedProcedure
    .input(ChangeMemberRoleInputSchema)
    .output(MemberSchema)
    .mutation(({ ctx, input }) => changeMemberRole({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip })),
  remove: authedProcedure.input(RemoveMemberInputSchema).mutation(async ({ ctx, input }) => {
    await removeMember({ app: ctx.app, userId: ctx.user.userId, input, ip: ctx.ip });
    return { ok: true as const };
  }),
});
