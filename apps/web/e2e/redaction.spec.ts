import { expect, test } from "@playwright/test";
import { expectNoA11yViolations } from "./a11y";

/**
 * Issue 12: a project owner switches redaction to "Secrets and personal data" on the project page; the next
 * record's secret and e-mail address reach Logs only as typed placeholders, while its score still counts
 * them.
 */
const password = "correct-horse-42";
const AWS_KEY = "AKIAQ3EGRTM7XZ4YXYZW";
const EMAIL = "maria.gonzalez@gmail.com";

test("redaction before storage is set on the project page and applies to the next record", async ({ page, request }) => {
  const email = `redaction-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email, password, name: "Redactor" } })).status()).toBe(201);
  const { accessToken } = (await (await request.post("/api/v1/auth/login", { data: { email, password } })).json()) as { accessToken: string };
  const created = (await (await request.post("/api/v1/projects", { data: { name: "Redacted app" }, headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
    project: { id: string };
    apiKey: { key: string };
  };
  const projectId = created.project.id;

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/projects/);

  await page.goto(`/projects/${projectId}`);
  const redaction = page.getByLabel("Redaction before storage");
  await expect(redaction).toHaveValue("secrets");
  await redaction.selectOption("secrets+pii");
  await expect(page.getByText(/personal data .* are stored as placeholders/)).toBeVisible();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByTestId("settings-version").first()).toContainText("guard.redaction");
  await expectNoA11yViolations(page, "project: redaction setting saved");

  const ingested = await request.post("/api/v1/requests", {
    headers: { "x-api-key": created.apiKey.key },
    data: { prompt: `My key ${AWS_KEY} fails, mail me at ${EMAIL}`, response: "Rotate the key.", model: "gpt-4o-mini", latencyMs: 150, status: "success" },
  });
  expect(ingested.status()).toBe(201);
  expect(((await ingested.json()) as { flagged: boolean }).flagged).toBe(true);

  await page.goto(`/projects/${projectId}/logs`);
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await expect(page.getByTestId("log-row").first()).not.toContainText(AWS_KEY);
  await page.getByTestId("log-row").first().click();
  const drawer = page.getByTestId("log-drawer");
  const prompt = drawer.getByRole("region", { name: "Prompt", exact: true });
  await expect(prompt).toContainText("[SECRET:aws_access_key]");
  await expect(prompt).toContainText("[PII:email]");
  await expect(drawer).not.toContainText(AWS_KEY);
  await expect(drawer).not.toContainText(EMAIL);
  // The factors still explain the score, and their highlights cover the placeholders.
  const marks = await drawer.locator("mark").allTextContents();
  expect(marks).toEqual(expect.arrayContaining(["[SECRET:aws_access_key]", "[PII:email]"]));
  await expectNoA11yViolations(page, "logs: redacted record open");
});
