import type { TestProject } from "vitest/node";
import { setupTemplateDatabase } from "./testing";

/** vitest globalSetup: one migrated template database per run, dropped at the end. */
export default async function setup(project: TestProject) {
  const { name, drop } = await setupTemplateDatabase();
  project.provide("templateDatabase", name);
  return drop;
}
