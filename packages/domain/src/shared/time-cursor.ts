import { DomainError } from "./errors";

/**
 * Keyset pagination over (time desc, uuid desc): the cursor is the last row's time and id, opaque to
 * clients (base64url). A cursor this API did not hand out answers 400, never a 500.
 */
export function encodeTimeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeTimeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError("VALIDATION_FAILED", "cursor is not a cursor this endpoint returned", { details: { issues: [{ path: "cursor", message: "Invalid cursor", code: "invalid_format" }] } });
  }
  return { at, id };
}
