/**
 * P2002: a unique constraint refused the write (e.g. a duplicate e-mail). Recognised by its code and
 * class name, not `instanceof`: the production bundle may hold two copies of Prisma's error classes.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown } | null;
  return typeof e === "object" && e !== null && e.code === "P2002" && e.name === "PrismaClientKnownRequestError";
}
