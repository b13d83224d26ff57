export const PROJECT_ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type ProjectRoleName = (typeof PROJECT_ROLES)[number];

const RANK: Record<ProjectRoleName, number> = { viewer: 1, developer: 2, admin: 3, owner: 4 };

/**
 * The permission matrix, written down in one place: the lowest role allowed to do each action.
 * Anything not listed here is denied (deny by default). Client-safe: the dashboard uses it to hide
 * controls a role cannot use; the server enforces it in requireProjectAccess.
 */
export const PERMISSIONS = {
  "project.read": "viewer",
  "project.update": "admin",
  "project.delete": "owner",
  "apiKey.read": "developer",
  "apiKey.manage": "admin",
  "member.read": "viewer",
  "member.manage": "admin",
  "settings.read": "viewer",
  "settings.update": "admin",
  "audit.read": "admin",
  /** Config & Secrets (docs/config-secrets.md). Viewers read config and secret metadata, never values. */
  "config.read": "viewer",
  /** Changes to development, staging and unprotected custom environments. */
  "config.write": "developer",
  /** Changes to base (it feeds every environment), production and protected custom environments. */
  "config.writeProtected": "admin",
  "environment.delete": "admin",
  "configType.manage": "admin",
  "secret.list": "viewer",
  "secret.write": "admin",
  "secret.reveal": "admin",
  /** Incidents (issue 9): everyone reads; developers and above change status and open manual ones. */
  "incident.read": "viewer",
  "incident.update": "developer",
  /** Notifications (issue 9): send a test notification (channels are settings and secrets, admin already). */
  "notification.manage": "admin",
  /** Run the hourly statistical detection of a project now (`POST /projects/{id}/detection/run`). */
  "detection.run": "admin",
  /** Integrations (issue 9: the Datadog webhook): admins configure and rotate; members read the status with incident.read. */
  "integration.manage": "admin",
  /** Remediation (issue 10): everyone sees what was done; developers apply and roll back (production and base also need config.writeProtected). */
  "remediation.read": "viewer",
  "remediation.apply": "developer",
} as const satisfies Record<string, ProjectRoleName>;

export type ProjectAction = keyof typeof PERMISSIONS;

export function roleAllows(role: ProjectRoleName, action: ProjectAction): boolean {
  const min: ProjectRoleName | undefined = PERMISSIONS[action];
  return min !== undefined && RANK[role] >= RANK[min];
}
