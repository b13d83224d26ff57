import bcrypt from "bcryptjs";

/** Requirement 1.1 / design: bcrypt with 12 salt rounds. */
export const PASSWORD_BCRYPT_COST = 12;

export function hashPassword(password: string, cost = PASSWORD_BCRYPT_COST): Promise<string> {
  return bcrypt.hash(password, cost);
}

// Compared against when the e-mail is unknown, so a failed login costs the same either way and
// response time does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummyHash ??= bcrypt.hash("llmguard-dummy-password-0", PASSWORD_BCRYPT_COST);
    await bcrypt.compare(password, await dummyHash);
    return false;
  }
  return bcrypt.compare(password, hash);
}
