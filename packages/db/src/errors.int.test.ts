import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation } from "./errors";
import { createTestDatabase, type TestDatabase } from "./testing";

/** A duplicate refused by a unique constraint is recognised from what Prisma really throws (P2002). */
describe("isUniqueViolation", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it("recognises Prisma's error for a duplicate e-mail, and nothing else", async () => {
    await database.db.user.create({ data: { email: "twice@example.test", passwordHash: "x" } });
    const duplicate = await database.db.user.create({ data: { email: "twice@example.test", passwordHash: "y" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(duplicate)).toBe(true);

    const missing = await database.db.user.update({ where: { email: "nobody@example.test" }, data: { name: "x" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(missing).toBeDefined();
    expect(isUniqueViolation(missing)).toBe(false);
    // The code alone is not enough: the class name must be Prisma's too (checked by value, not instanceof).
    expect(isUniqueViolation(Object.assign(new Error("duplicate"), { code: "P2002" }))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation("P2002")).toBe(false);
  });
});
