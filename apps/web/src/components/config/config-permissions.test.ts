import { describe, expect, it } from "vitest";
import { canCreateEnvironment, canDeleteEnvironment, canManageTypes, canRevealSecrets, canWriteEnvironment, canWriteSecrets } from "./config-permissions";

/** Who may do what, written out by role (owner, admin, developer, viewer): a wrong permission must fail here. */
const ROLES = ["owner", "admin", "developer", "viewer"] as const;
const MATRIX: Record<string, readonly boolean[]> = {
  writePlain: [true, true, true, false],
  writeProtected: [true, true, false, false],
  createPlain: [true, true, true, false],
  createProtected: [true, true, false, false],
  deleteEnvironment: [true, true, false, false],
  manageTypes: [true, true, false, false],
  writeSecrets: [true, true, false, false],
  revealSecrets: [true, true, false, false],
};

describe("config permissions by role", () => {
  it.each(ROLES.map((role, i) => [role, i] as const))("%s", (role, i) => {
    const allowed = {
      writePlain: canWriteEnvironment(role, { name: "staging", protected: false }).allowed,
      writeProtected: canWriteEnvironment(role, { name: "production", protected: true }).allowed,
      createPlain: canCreateEnvironment(role, false).allowed,
      createProtected: canCreateEnvironment(role, true).allowed,
      deleteEnvironment: canDeleteEnvironment(role).allowed,
      manageTypes: canManageTypes(role).allowed,
      writeSecrets: canWriteSecrets(role).allowed,
      revealSecrets: canRevealSecrets(role).allowed,
    };
    expect(allowed).toEqual(Object.fromEntries(Object.entries(MATRIX).map(([k, v]) => [k, v[i]])));
  });

  it("says why a control is disabled, naming the environment and the caller's role", () => {
    expect(canWriteEnvironment("developer", { name: "production", protected: true }).reason).toBe("production is protected: changing it needs the admin or owner role (you are developer).");
    expect(canWriteEnvironment("viewer", { name: "staging", protected: false }).reason).toBe("Changing staging needs the developer role or higher (you are viewer).");
    expect(canCreateEnvironment("developer", true).reason).toBe("Protected environments are created by admins and owners (you are developer).");
    expect(canCreateEnvironment("viewer", false).reason).toBe("Creating an environment needs the developer role or higher (you are viewer).");
    expect(canRevealSecrets("viewer").reason).toBe("Revealing secret values needs the admin or owner role (you are viewer).");
  });
});
