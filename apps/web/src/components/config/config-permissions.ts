import { roleAllows, type EnvironmentView, type ProjectRoleName } from "@llmguard/domain/schemas";

/** What the current role may do with config, and the sentence a disabled control shows otherwise. */
export interface Rule {
  allowed: boolean;
  reason: string;
}

export function canWriteEnvironment(role: ProjectRoleName, env: Pick<EnvironmentView, "name" | "protected">): Rule {
  if (env.protected) {
    return {
      allowed: roleAllows(role, "config.writeProtected"),
      reason: `${env.name} is protected: changing it needs the admin or owner role (you are ${role}).`,
    };
  }
  return { allowed: roleAllows(role, "config.write"), reason: `Changing ${env.name} needs the developer role or higher (you are ${role}).` };
}

export function canCreateEnvironment(role: ProjectRoleName, protectedEnv: boolean): Rule {
  return protectedEnv
    ? { allowed: roleAllows(role, "config.writeProtected"), reason: `Protected environments are created by admins and owners (you are ${role}).` }
    : { allowed: roleAllows(role, "config.write"), reason: `Creating an environment needs the developer role or higher (you are ${role}).` };
}

export function canDeleteEnvironment(role: ProjectRoleName): Rule {
  return { allowed: roleAllows(role, "environment.delete"), reason: `Deleting an environment needs the admin or owner role (you are ${role}).` };
}

export function canManageTypes(role: ProjectRoleName): Rule {
  return { allowed: roleAllows(role, "configType.manage"), reason: `Declaring key types needs the admin or owner role (you are ${role}).` };
}

export function canWriteSecrets(role: ProjectRoleName): Rule {
  return { allowed: roleAllows(role, "secret.write"), reason: `Creating and changing secrets needs the admin or owner role (you are ${role}).` };
}

export function canRevealSecrets(role: ProjectRoleName): Rule {
  return { allowed: roleAllows(role, "secret.reveal"), reason: `Revealing secret values needs the admin or owner role (you are ${role}).` };
}
