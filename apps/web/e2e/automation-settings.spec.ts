import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./a11y";

/**
 * Issue 10's automation settings on the incident settings page: an admin turns automation on, chooses
 * its triggers, severity, hourly limit, environment and the watch (a number out of range is refused
 * next to its field first; the warnings follow the choices), saves, and after a reload the page shows
 * the values in force; the base config holds the keys, in one version with a message saying what
 * changed. A developer and a viewer see the values in force with every control disabled, and why.
 */
const password = "correct-horse-42";

test.use({ viewport: { width: 1440, height: 900 } });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/artifacts/automation-settings-${name}.png`, fullPage: true });
}

async function register(request: APIRequestContext, prefix: string) {
  const email = `${prefix}-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email, password, name: prefix } })).status()).toBe(201);
  const { accessToken } = (await (await request.post("/api/v1/auth/login", { data: { email, password } })).json()) as { accessToken: string };
  return { email, headers: { authorization: `Bearer ${accessToken}` } };
}

/** An owner's project with one more member of `role`. */
async function projectWithMember(request: APIRequestContext, role: "admin" | "developer" | "viewer") {
  const owner = await register(request, "automation-owner");
  const res = await request.post("/api/v1/projects", { data: { name: `Automated app ${Date.now()}` }, headers: owner.headers });
  expect(res.status()).toBe(201);
  const projectId = ((await res.json()) as { project: { id: string } }).project.id;
  const member = await register(request, `automation-${role}`);
  expect((await request.post(`/api/v1/projects/${projectId}/members`, { data: { email: member.email, role }, headers: owner.headers })).status()).toBe(201);
  return { owner, member, projectId };
}

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/projects/);
}

const TRIGGERS = ["Latency", "Error rate", "High risk", "Cost spike", "Anomaly", "Datadog alert", "Manual"] as const;

test("an admin turns automation on with its limits and the watch, and the base config keeps them", async ({ page, request }) => {
  const { member: admin, projectId } = await projectWithMember(request, "admin");
  await logIn(page, admin.email);
  await page.goto(`/projects/${projectId}/incidents/settings`);

  const form = page.getByRole("form", { name: "Automation settings" });
  await expect(page.getByTestId("automation-state")).toHaveText("Automation off");
  // The defaults: off, four measured triggers, high and above, 3 per hour, production (not allowed), 15 min, 20 %.
  const enabled = form.getByLabel("Apply fixes automatically");
  await expect(enabled).not.toBeChecked();
  for (const t of TRIGGERS) {
    const box = form.getByRole("checkbox", { name: t });
    if (["Latency", "Error rate", "High risk", "Cost spike"].includes(t)) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
  }
  await expect(form.getByLabel("Minimum severity")).toHaveValue("high");
  await expect(form.getByLabel("Max automatic actions per hour")).toHaveValue("3");
  await expect(form.getByLabel("Environment")).toHaveValue("production");
  await expect(form.getByLabel("Allow automatic changes to production and base")).not.toBeChecked();
  await expect(form.getByLabel("Watch for (minutes)")).toHaveValue("15");
  await expect(form.getByLabel("Rollback margin (%)")).toHaveValue("20");
  await expect(form.getByText("rolled back automatically if the metric got worse by more than the margin")).toBeVisible();

  // On, still on production without the permission: automation says it would not act.
  await enabled.check();
  const warnings = form.getByTestId("automation-warnings");
  await expect(warnings).toContainText("Automation writes to production, which it may change only when");
  await form.getByLabel("Environment").selectOption("staging");
  await expect(warnings).toHaveCount(0);

  await form.getByRole("checkbox", { name: "Cost spike" }).uncheck();
  await form.getByRole("checkbox", { name: "Manual" }).check();
  await expect(warnings).toContainText("Manual incidents have no metric LLMGuard measures");
  await form.getByLabel("Minimum severity").selectOption("medium");
  await form.getByLabel("Watch for (minutes)").fill("30");
  await form.getByLabel("Rollback margin (%)").fill("12.5");

  // Out of range: refused next to the field, nothing saved.
  const perHour = form.getByLabel("Max automatic actions per hour");
  await perHour.fill("101");
  await form.getByRole("button", { name: "Save automation settings" }).click();
  await expect(perHour).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Enter a whole number from 1 to 100")).toBeVisible();
  await expect(page.getByTestId("automation-state")).toHaveText("Automation off");
  await perHour.fill("5");
  await expect(perHour).not.toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Enter a whole number from 1 to 100")).toHaveCount(0);

  // Production allowed: a warning says what that means.
  await form.getByLabel("Allow automatic changes to production and base").check();
  await expect(form.getByText("Automatic actions may change the config your live traffic uses, without anyone approving them.")).toBeVisible();
  await shot(page, "01-admin-editing");
  await expectNoA11yViolations(page, "automation settings while editing");

  await form.getByRole("button", { name: "Save automation settings" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Saved:" })).toHaveText(
    "Saved: automation is on; triggers, minimum severity, actions per hour, environment, production and base permission, watch length, rollback margin updated.",
  );
  await expect(page.getByTestId("automation-state")).toHaveText("Automation on");

  // A reload shows the values in force.
  await page.reload();
  await expect(page.getByTestId("automation-state")).toHaveText("Automation on");
  await expect(form.getByLabel("Apply fixes automatically")).toBeChecked();
  for (const t of TRIGGERS) {
    const box = form.getByRole("checkbox", { name: t });
    if (["Latency", "Error rate", "High risk", "Manual"].includes(t)) await expect(box).toBeChecked();
    else await expect(box).not.toBeChecked();
  }
  await expect(form.getByLabel("Minimum severity")).toHaveValue("medium");
  await expect(form.getByLabel("Max automatic actions per hour")).toHaveValue("5");
  await expect(form.getByLabel("Environment")).toHaveValue("staging");
  await expect(form.getByLabel("Allow automatic changes to production and base")).toBeChecked();
  await expect(form.getByLabel("Watch for (minutes)")).toHaveValue("30");
  await expect(form.getByLabel("Rollback margin (%)")).toHaveValue("12.5");

  // Saving again without a change writes nothing.
  await form.getByRole("button", { name: "Save automation settings" }).click();
  await expect(form.getByText("Nothing changed.")).toBeVisible();
  await shot(page, "02-admin-saved");
  await expectNoA11yViolations(page, "automation settings saved");

  // The keys are in the base config, written by one version that says what changed.
  const base = (await (await request.get(`/api/v1/projects/${projectId}/config/base`, { headers: admin.headers })).json()) as { entries: { key: string; value: unknown }[] };
  const stored = Object.fromEntries(base.entries.filter((e) => e.key.startsWith("remediation.")).map((e) => [e.key, e.value]));
  expect(stored).toEqual({
    "remediation.automation.enabled": true,
    "remediation.automation.triggers": ["latency", "error_rate", "high_risk", "manual"],
    "remediation.automation.minSeverity": "medium",
    "remediation.automation.maxPerHour": 5,
    "remediation.automation.environment": "staging",
    "remediation.automation.allowProduction": true,
    "remediation.verifyMinutes": 30,
    "remediation.verifyMarginPct": 12.5,
  });
  const versions = (await (await request.get(`/api/v1/projects/${projectId}/config/base/versions`, { headers: admin.headers })).json()) as { versions: { message: string | null; changedKeys: string[] }[] };
  expect(versions.versions[0]?.message).toBe("Remediation automation: on, triggers, minimum severity, actions per hour, environment, production and base permission, watch length, rollback margin");
  expect(versions.versions[0]?.changedKeys).toHaveLength(8);
});

test("a developer and a viewer see the automation settings in force, read-only, and why", async ({ page, request }) => {
  const { owner, member: developer, projectId } = await projectWithMember(request, "developer");
  const viewer = await register(request, "automation-viewer");
  expect((await request.post(`/api/v1/projects/${projectId}/members`, { data: { email: viewer.email, role: "viewer" }, headers: owner.headers })).status()).toBe(201);
  const put = await request.put(`/api/v1/projects/${projectId}/config/base`, {
    headers: owner.headers,
    data: { values: { "remediation.automation.enabled": true, "remediation.automation.maxPerHour": 7, "remediation.automation.triggers": ["latency"] }, message: "automation on" },
  });
  expect(put.status()).toBe(200);

  for (const [who, role] of [
    [developer, "developer"],
    [viewer, "viewer"],
  ] as const) {
    await page.context().clearCookies();
    await logIn(page, who.email);
    await page.goto(`/projects/${projectId}/incidents/settings`);
    const form = page.getByRole("form", { name: "Automation settings" });
    await expect(page.getByTestId("automation-state")).toHaveText("Automation on");
    await expect(form.getByTestId("automation-read-only")).toHaveText(`Read-only: Changing these settings needs the admin or owner role (you are ${role}).`);
    await expect(form.getByLabel("Apply fixes automatically")).toBeChecked();
    await expect(form.getByLabel("Apply fixes automatically")).toBeDisabled();
    await expect(form.getByRole("checkbox", { name: "Latency" })).toBeChecked();
    await expect(form.getByRole("checkbox", { name: "Error rate" })).not.toBeChecked();
    await expect(form.getByRole("checkbox", { name: "Error rate" })).toBeDisabled();
    await expect(form.getByLabel("Max automatic actions per hour")).toHaveValue("7");
    for (const label of ["Minimum severity", "Max automatic actions per hour", "Environment", "Allow automatic changes to production and base", "Watch for (minutes)", "Rollback margin (%)"]) {
      await expect(form.getByLabel(label)).toBeDisabled();
    }
    const save = form.getByRole("button", { name: "Save automation settings" });
    await expect(save).toBeDisabled();
    await expect(form.getByTitle(`Changing these settings needs the admin or owner role (you are ${role}).`)).toBeVisible();
    await shot(page, `03-${role}`);
    await expectNoA11yViolations(page, `automation settings (read-only, ${role})`);
  }
});

test("a fix's regression watch shows on its incident and on the Remediations page", async ({ page, request }) => {
  const { owner, projectId } = await projectWithMember(request, "viewer");
  const opened = await request.post(`/api/v1/projects/${projectId}/incidents`, { headers: owner.headers, data: { title: "Support bot answers rudely", severity: "high" } });
  expect(opened.status()).toBe(201);
  const incidentId = ((await opened.json()) as { id: string }).id;
  const applied = await request.post(`/api/v1/incidents/${incidentId}/remediations`, {
    headers: owner.headers,
    data: { type: "disable_endpoint", parameters: { endpoint: "/support" }, environment: "staging" },
  });
  expect(applied.status()).toBe(201);
  // A manual incident has no metric LLMGuard measures: the watch says so instead of judging.
  const watch = ((await applied.json()) as { watch: { status: string; message: string } | null }).watch;
  expect(watch?.status).toBe("not_measured");

  await logIn(page, owner.email);
  await page.goto(`/projects/${projectId}/incidents/${incidentId}`);
  const card = page.getByTestId("remediation").filter({ hasText: "Disable endpoint" });
  const shown = card.getByTestId("remediation-watch");
  await expect(shown.getByTestId("watch-badge")).toHaveText("Watch: Not measured");
  await expect(shown).toContainText(watch!.message);

  await page.goto(`/projects/${projectId}/remediations`);
  const row = page.getByTestId("remediation-row").filter({ hasText: "/support" });
  await expect(row.getByTestId("watch-badge")).toHaveText("Watch: Not measured");
  await expect(row.getByTestId("watch-badge")).toHaveAttribute("title", watch!.message);
  // The table scrolls inside its card: the page itself is no wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  await shot(page, "04-remediations-watch");
  await expectNoA11yViolations(page, "remediations with a watch");
});
