import { Prisma } from "./generated/prisma/client";

/** P2002: a unique constraint refused the write (e.g. a duplicate e-mail). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}
