import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./a11y";

/**
 * Issue 4's journey: the Config & Secrets dashboard. An environment override over a base value, the
 * history with a side-by-side diff and a restore, a secret referenced from config (a chip, never the
 * value), an audited reveal, and the audit log with a verified chain. A viewer sees it read-only.
 */
const password = "correct-horse-42";
const secretValue = "sk-e2e-7f3a9c1d5b2e8a4f";

async function registerWithProject(request: APIRequestContext, prefix: string, projectName: string) {
  const email = `${prefix}-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email, password, name: prefix } })).status()).toBe(201);
  const { accessToken } = (await (await request.post("/api/v1/auth/login", { data: { email, password } })).json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  const created = (await (await request.post("/api/v1/projects", { data: { name: projectName }, headers })).json()) as { project: { id: string } };
  return { email, headers, projectId: created.project.id };
}

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/projects/);
}

const envTab = (page: Page, name: string) => page.getByRole("navigation", { name: "Environments" }).getByRole("link", { name: new RegExp(`^${name}`) });

/** Opens an environment's tab and waits until its editor is the one on screen (a click before would land on the previous one). */
async function openEnvironment(page: Page, name: string) {
  await envTab(page, name).click();
  await expect(envTab(page, name)).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: new RegExp(`^${name}`), level: 2 })).toBeVisible();
}
const configRow = (page: Page, key: string) => page.locator(`[data-testid="config-row"][data-key="${key}"]`);

/** Stages one key through the editor dialog (add, or edit when `edit` is set). */
async function stageKey(page: Page, key: string, value: string, edit = false) {
  if (edit) await page.getByRole("button", { name: `Edit ${key}` }).click();
  else await page.getByRole("button", { name: "Add key" }).click();
  const dialog = page.getByRole("dialog");
  if (!edit) await dialog.getByLabel("Key", { exact: true }).fill(key);
  await dialog.getByLabel("Value", { exact: true }).fill(value);
  await dialog.getByRole("button", { name: edit ? "Stage change" : "Add to changes" }).click();
  await expect(dialog).toBeHidden();
}

async function save(page: Page, message: string) {
  await page.getByLabel("Change message").fill(message);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/Saved as version \d+\./)).toBeVisible();
}

test("config per environment with history, diff and restore; secrets referenced and revealed; audit chain verified", async ({ page, context, request }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = await registerWithProject(request, "config-owner", "Configured app");
  await logIn(page, owner.email);

  // The project page leads to its config.
  await page.goto(`/projects/${owner.projectId}`);
  await page.getByRole("link", { name: "Config", exact: true }).click();
  await page.waitForURL(new RegExp(`/projects/${owner.projectId}/config`));
  await expect(page.getByRole("heading", { name: "Config", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Config & Secrets" })).toHaveAttribute("aria-current", "page");

  // production: a key with a message.
  await openEnvironment(page, "production");
  await stageKey(page, "llm.temperature", "0.7");
  await expect(configRow(page, "llm.temperature")).toContainText("new");
  await save(page, "Warmer answers in production");

  // base: the same key; production keeps its own value and says it overrides base.
  await openEnvironment(page, "base");
  await stageKey(page, "llm.temperature", "0.2");
  await save(page, "Default temperature");
  await openEnvironment(page, "production");
  const temperature = configRow(page, "llm.temperature");
  await expect(temperature).toContainText("override");
  await expect(temperature).toContainText("Base value");
  await expect(temperature).toContainText("0.2");

  // A second production version.
  await stageKey(page, "llm.temperature", "0.9", true);
  await save(page, "Even warmer");
  await expect(temperature).toContainText("0.9");
  await page.screenshot({ path: "e2e/artifacts/config-01-editor.png", fullPage: true });
  await expectNoA11yViolations(page, "config");

  // History: both versions, with authors and messages; compare them side by side.
  await page.getByRole("navigation", { name: "Config views" }).getByRole("link", { name: "History" }).click();
  const versions = page.getByTestId("config-version");
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText("Even warmer");
  await expect(versions.first()).toContainText(owner.email);
  await expect(versions.last()).toContainText("Warmer answers in production");
  const [newer, older] = [await versions.first().getAttribute("data-version"), await versions.last().getAttribute("data-version")];
  await page.getByRole("checkbox", { name: `Compare version ${older}` }).check();
  await page.getByRole("checkbox", { name: `Compare version ${newer}` }).check();
  const diff = page.getByTestId("config-diff");
  await expect(diff).toBeVisible();
  const changed = diff.getByTestId("diff-row");
  await expect(changed).toHaveCount(1);
  await expect(changed).toHaveAttribute("data-kind", "changed");
  await expect(changed.getByTestId("diff-before")).toContainText("0.7");
  await expect(changed.getByTestId("diff-after")).toContainText("0.9");
  await page.screenshot({ path: "e2e/artifacts/config-02-diff.png", fullPage: true });
  await expectNoA11yViolations(page, "config history with a diff");

  // Restore the earlier version: a new version, and the value is back.
  await page.getByRole("button", { name: `Restore version ${older}` }).click();
  const restoreDialog = page.getByRole("dialog");
  await expect(restoreDialog).toContainText("saved as a new version");
  await expectNoA11yViolations(page, "config: restore dialog open");
  await restoreDialog.getByRole("button", { name: "Restore version" }).click();
  await expect(page.getByText(new RegExp(`Restored version ${older} as version \\d+\\.`))).toBeVisible();
  await expect(versions).toHaveCount(3);
  await expect(versions.first()).toContainText(`restored from v${older}`);
  await page.getByRole("navigation", { name: "Config views" }).getByRole("link", { name: "Editor" }).click();
  await expect(temperature).toContainText("0.7");
  await expect(temperature).not.toContainText("0.9");

  // A secret, then a config value that references it: a chip, never the value.
  await page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Secrets" }).click();
  await page.getByRole("button", { name: "New secret" }).click();
  const secretDialog = page.getByRole("dialog");
  await expect(secretDialog).toBeVisible();
  await expectNoA11yViolations(page, "secrets: new secret dialog open");
  await secretDialog.getByLabel("Name").fill("OPENAI_API_KEY");
  await secretDialog.getByLabel("Value", { exact: true }).fill(secretValue);
  await secretDialog.getByLabel("Rotation policy").selectOption({ label: "API key: every 90 days" });
  await secretDialog.getByRole("button", { name: "Create secret" }).click();
  const secretRow = page.locator('[data-testid="secret-row"][data-name="OPENAI_API_KEY"]');
  await expect(secretRow).toContainText("Every 90 days (API key)");
  await expect(secretRow).toContainText("••••••••");
  await expect(page.getByText(secretValue)).toHaveCount(0);

  await page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Config" }).click();
  await openEnvironment(page, "production");
  await stageKey(page, "openai.apiKey", "{{ secret:OPENAI_API_KEY }}");
  await save(page, "Use the OpenAI key");
  const apiKeyRow = configRow(page, "openai.apiKey");
  await expect(apiKeyRow.getByTestId("secret-ref")).toHaveText(/OPENAI_API_KEY/);
  await expect(page.getByText(secretValue)).toHaveCount(0);

  // Reveal (admins), with a confirmation that says it is audited.
  await page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Secrets" }).click();
  await expect(secretRow).toContainText("production · openai.apiKey");
  await page.getByRole("button", { name: "Reveal OPENAI_API_KEY" }).click();
  const revealDialog = page.getByRole("dialog");
  await expect(revealDialog).toContainText("recorded in the project's audit log");
  await expectNoA11yViolations(page, "secrets: reveal confirmation open");
  await revealDialog.getByRole("button", { name: "Reveal value" }).click();
  await expect(secretRow.getByTestId("revealed-secret")).toContainText(secretValue);
  await page.screenshot({ path: "e2e/artifacts/secrets-01-list.png", fullPage: true });
  await expectNoA11yViolations(page, "secrets with a value revealed");
  await secretRow.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secretValue);
  await secretRow.getByRole("button", { name: "Hide" }).click();
  await expect(page.getByText(secretValue)).toHaveCount(0);

  // The audit log: config and secret entries, a verified chain, filters and the export.
  await page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByTestId("chain-status")).toContainText(/Chain verified · \d+ entries/);
  for (const action of ["config.updated", "config.restored", "secret.created", "secret.revealed"]) {
    await expect(page.locator(`[data-testid="audit-row"][data-action="${action}"]`).first()).toBeVisible();
  }
  await expect(page.getByText(secretValue)).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/audit-01-verified.png", fullPage: true });
  await expectNoA11yViolations(page, "audit");

  await page.getByLabel("Action").selectOption({ value: "secret." });
  await expect(page.locator('[data-testid="audit-row"][data-action="config.updated"]')).toHaveCount(0);
  const secretActions = await page.getByTestId("audit-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(secretActions.length).toBeGreaterThanOrEqual(2);
  expect(secretActions.every((a) => a?.startsWith("secret."))).toBe(true);
  const exportLink = page.getByRole("link", { name: "Export JSON Lines" });
  const href = await exportLink.getAttribute("href");
  expect(href).toContain("action=secret.");
  const exported = await page.request.get(href!);
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).trim().split("\n").map((l) => JSON.parse(l) as { action: string; hash: string });
  expect(lines.map((l) => l.action)).toEqual(expect.arrayContaining(["secret.created", "secret.revealed"]));
  expect(lines.every((l) => l.action.startsWith("secret.") && l.hash)).toBe(true);
  await page.getByRole("button", { name: "Verify again" }).click();
  await expect(page.getByTestId("chain-status")).toContainText("Chain verified");
});

test("a viewer sees config and secrets read-only", async ({ page, request }) => {
  const owner = await registerWithProject(request, "config-admin", "Shared app");
  const P = `/api/v1/projects/${owner.projectId}`;
  expect((await request.put(`${P}/secrets/DB_PASSWORD`, { data: { value: "hunter2-but-longer", rotationDays: 30 }, headers: owner.headers })).status()).toBe(200);
  const put = await request.put(`${P}/config/production`, {
    data: { values: { "llm.model": "gpt-4o", "db.password": "{{ secret:DB_PASSWORD }}" }, message: "seed" },
    headers: owner.headers,
  });
  expect(put.status()).toBe(200);
  const viewerEmail = `config-viewer-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email: viewerEmail, password, name: "Viewer" } })).status()).toBe(201);
  expect((await request.post(`${P}/members`, { data: { email: viewerEmail, role: "viewer" }, headers: owner.headers })).status()).toBe(201);

  await logIn(page, viewerEmail);
  await page.goto(`/projects/${owner.projectId}/config?env=production`);
  await expect(configRow(page, "llm.model")).toContainText("gpt-4o");
  await expect(configRow(page, "db.password").getByTestId("secret-ref")).toHaveText(/DB_PASSWORD/);
  await expect(page.getByText("production is protected: changing it needs the admin or owner role (you are viewer).").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Add key" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Edit llm.model" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "New environment" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Declare a type" })).toBeDisabled();
  await expect(page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.screenshot({ path: "e2e/artifacts/config-03-viewer.png", fullPage: true });
  await expectNoA11yViolations(page, "config (viewer)");

  await page.getByRole("navigation", { name: "Config views" }).getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("config-version")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Restore version/ })).toBeDisabled();

  await page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Secrets" }).click();
  const row = page.locator('[data-testid="secret-row"][data-name="DB_PASSWORD"]');
  await expect(row).toContainText("Every 30 days (Database credential)");
  await expect(row).toContainText("production · db.password");
  await expect(page.getByRole("button", { name: "New secret" })).toBeDisabled();
  await expect(row.getByRole("button", { name: "Reveal DB_PASSWORD" })).toBeDisabled();
  await expect(row.getByRole("button", { name: "Rotate DB_PASSWORD" })).toBeDisabled();
  await expect(page.getByText("hunter2-but-longer")).toHaveCount(0);
});

test("refused values are shown at their key; a template creates its secrets; referenced secrets cannot be deleted", async ({ page, request }) => {
  test.setTimeout(120_000);
  const owner = await registerWithProject(request, "config-tools", "Tooling app");
  await logIn(page, owner.email);
  await page.goto(`/projects/${owner.projectId}/config?env=staging`);
  await expect(page.getByRole("heading", { name: /^staging/, level: 2 })).toBeVisible();

  // A value that does not fit its key's type: VALIDATION_FAILED, next to the key.
  await page.getByRole("button", { name: "Override guard.riskThreshold" }).click();
  await page.getByRole("dialog").getByLabel("Value", { exact: true }).fill("500");
  await page.getByRole("dialog").getByRole("button", { name: "Stage change" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(configRow(page, "guard.riskThreshold").getByTestId("config-issue")).toContainText(/100/);
  await configRow(page, "guard.riskThreshold").getByRole("button", { name: "Undo" }).click();

  // A template that cannot resolve: CONFIG_UNRESOLVABLE, next to the key.
  await page.getByRole("button", { name: "Add key" }).click();
  await page.getByRole("dialog").getByLabel("Key", { exact: true }).fill("prompt.greeting");
  await page.getByRole("dialog").getByLabel("Value", { exact: true }).fill("Hello {{ missing.key }}");
  await expect(page.getByRole("dialog")).toContainText("Will be stored as a string");
  await page.screenshot({ path: "e2e/artifacts/config-06-key-editor.png" });
  await expectNoA11yViolations(page, "config: key editor dialog open");
  await page.getByRole("dialog").getByRole("button", { name: "Add to changes" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(configRow(page, "prompt.greeting").getByTestId("config-issue")).toContainText("missing.key");
  await page.screenshot({ path: "e2e/artifacts/config-04-issues.png", fullPage: true });
  await expectNoA11yViolations(page, "config with refused values");
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(configRow(page, "prompt.greeting")).toHaveCount(0);

  // Apply the OpenAI template to staging: its secret is created first, then the keys are set.
  await page.getByRole("button", { name: "Apply template" }).click();
  const templateDialog = page.getByRole("dialog");
  await templateDialog.getByText("OpenAI", { exact: true }).click();
  await expect(templateDialog.getByLabel("Environment")).toHaveValue("staging");
  await templateDialog.getByLabel("OPENAI_API_KEY").fill("sk-template-e2e-123456");
  await page.screenshot({ path: "e2e/artifacts/config-05-template.png", fullPage: true });
  await expectNoA11yViolations(page, "config: apply template dialog open");
  await templateDialog.getByRole("button", { name: "Create 1 secret and apply" }).click();
  await expect(page.getByText(/Applied the OpenAI template to staging as version \d+ and created OPENAI_API_KEY\./)).toBeVisible();
  await expect(configRow(page, "openai.apiKey").getByTestId("secret-ref")).toHaveText(/OPENAI_API_KEY/);
  await expect(configRow(page, "openai.model").getByTestId("config-resolved")).toContainText("gpt-4o-mini");
  await expect(page.getByText("sk-template-e2e-123456")).toHaveCount(0);

  // Declare a type for one of its keys (admins).
  await page.getByRole("button", { name: "Declare a type" }).click();
  const typeDialog = page.getByRole("dialog");
  await typeDialog.getByLabel("Key", { exact: true }).fill("openai.temperature");
  await typeDialog.getByLabel("Minimum").fill("0");
  await typeDialog.getByLabel("Maximum").fill("2");
  await typeDialog.getByRole("button", { name: "Declare type" }).click();
  await expect(page.getByRole("list", { name: "Key types" })).toContainText("number 0–2");
  await expect(configRow(page, "openai.temperature")).toContainText("typed: number 0–2");

  // A custom, protected environment; then delete it.
  await page.getByRole("button", { name: "New environment" }).click();
  const envDialog = page.getByRole("dialog");
  await envDialog.getByLabel("Environment name").fill("eu-production");
  await envDialog.getByLabel(/Protected/).check();
  await envDialog.getByRole("button", { name: "Create environment" }).click();
  await page.waitForURL(/env=eu-production/);
  await expect(envTab(page, "eu-production")).toHaveAccessibleName(/eu-production\s*\(protected\)/);
  await page.getByRole("button", { name: "Delete environment" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete environment" }).click();
  await expect(envTab(page, "eu-production")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /^base/, level: 2 })).toBeVisible();

  // The secret is referenced: deleting it is refused with the references; rotating keeps the old value for a while.
  await page.getByRole("navigation", { name: "Project pages" }).getByRole("link", { name: "Secrets" }).click();
  const row = page.locator('[data-testid="secret-row"][data-name="OPENAI_API_KEY"]');
  await expect(row).toContainText("staging · openai.apiKey");
  await row.getByRole("button", { name: "Delete OPENAI_API_KEY" }).click();
  const deleteDialog = page.getByRole("dialog");
  await deleteDialog.getByRole("button", { name: "Delete secret" }).click();
  await expect(deleteDialog.getByRole("alert")).toContainText("It cannot be deleted: config still references it.");
  await expect(deleteDialog).toContainText("staging · openai.apiKey");
  await page.screenshot({ path: "e2e/artifacts/secrets-03-delete-refused.png" });
  await expectNoA11yViolations(page, "secrets: delete refused dialog open");
  await deleteDialog.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("button", { name: "Rotate OPENAI_API_KEY" }).click();
  const rotateDialog = page.getByRole("dialog");
  await expect(rotateDialog).toContainText("stays valid for the grace period");
  await rotateDialog.getByLabel("New value").fill("sk-template-e2e-rotated");
  await rotateDialog.getByLabel("Grace period (hours)").fill("48");
  await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText(/OPENAI_API_KEY rotated to version 2; version 1 stays valid until/)).toBeVisible();
  await expect(row).toContainText("In grace period until");
  await row.getByRole("button", { name: "Reveal OPENAI_API_KEY" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reveal value" }).click();
  const revealed = row.getByTestId("revealed-secret");
  await expect(revealed).toContainText("sk-template-e2e-rotated");
  await expect(revealed).toContainText("Previous value (v1)");
  await expect(revealed).toContainText("sk-template-e2e-123456");
  await page.screenshot({ path: "e2e/artifacts/secrets-02-rotated.png", fullPage: true });
  await expectNoA11yViolations(page, "secrets after a rotation");

  // The rotation policy changes without a new value: the value and its version stay.
  await row.getByRole("button", { name: "Edit OPENAI_API_KEY" }).click();
  const editDialog = page.getByRole("dialog");
  await editDialog.getByLabel("Rotation policy").selectOption("30");
  await editDialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("OPENAI_API_KEY: policy and description saved; the value is unchanged.")).toBeVisible();
  await expect(row).toContainText("Every 30 days (Database credential)");
  await expect(row).toContainText("v2");
});
