import {
  createProject,
  CreateProjectInputSchema,
  deleteProject,
  getProject,
  listProjects,
  ProjectCreatedSchema,
  ProjectListSchema,
  ProjectRefSchema,
  ProjectSummarySchema,
  renameProject,
  RenameProjectInputSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Projects (bearer access token; the project's role decides what each route allows). */
export const projectRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects", tag: "Projects", summary: "Your projects with key status and last use", auth: "user",
    output: ProjectListSchema,
    handler: async ({ app, user }) => ({ projects: await listProjects({ app, userId: user.userId }) }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/projects", tag: "Projects", summary: "Create a project; its first API key is returned once", auth: "user",
    input: CreateProjectInputSchema, status: 201, output: ProjectCreatedSchema,
    handler: ({ app, user, input, meta }) => createProject({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}", tag: "Projects", summary: "One project", auth: "user",
    input: ProjectRefSchema, output: ProjectSummarySchema,
    handler: ({ app, user, input }) => getProject({ app, userId: user.userId, projectId: input.projectId }),
  }),
  defineRoute({
    method: "PATCH", path: "/api/v1/projects/{projectId}", tag: "Projects", summary: "Rename a project (admin)", auth: "user",
    input: RenameProjectInputSchema, output: ProjectSummarySchema,
    handler: ({ app, user, input, meta }) => renameProject({ app, userId: user.userId, projectId: input.projectId, name: input.name, ip: meta.ip }),
  }),
  defineRoute({
    method: "DELETE", path: "/api/v1/projects/{projectId}", tag: "Projects", summary: "Delete a project and everything in it (owner)", auth: "user",
    input: ProjectRefSchema, status: 204,
    handler: ({ app, user, input, meta }) => deleteProject({ app, userId: user.userId, projectId: input.projectId, ip: meta.ip }),
  }),
];
