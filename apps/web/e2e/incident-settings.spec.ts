import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoA11yViolations } from "./a11y";

/**
 * Issue 9's integration and notification settings: an owner connects Datadog (the secret is shown
 * once), a real alert posted to the webhook with that secret opens an incident on the Incidents page,
 * "recovered" resolves it once the choice says so, and rotating the secret stops the old one at once.
 * Notifications: the e-mail minimum severity set to low and a test e-mail that lands in the dev outbox;
 * a test on an unconfigured or refused channel shows the server's message; a webhook signing secret is
 * generated in the browser and shown once; URLs are write-only (Set / Not set). A viewer sees it all
 * read-only.
 */
const password = "correct-horse-42";

test.use({ viewport: { width: 1440, height: 900 } });

/** The whole page; a dialog on its own (fullPage: false) so the top layer is what the user sees. */
async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `e2e/artifacts/incident-settings-${name}.png`, fullPage });
}

async function registerWithProject(request: APIRequestContext, prefix: string, projectName: string) {
  const email = `${prefix}-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email, password, name: prefix } })).status()).toBe(201);
  const { accessToken } = (await (await request.post("/api/v1/auth/login", { data: { email, password } })).json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  const res = await request.post("/api/v1/projects", { data: { name: projectName }, headers });
  expect(res.status()).toBe(201);
  const created = (await res.json()) as { project: { id: string } };
  return { email, headers, projectId: created.project.id };
}

async function logIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/projects/);
}

/** The payload template of docs/incidents.md as Datadog fills it in. */
function datadogAlert(transition: "Triggered" | "Recovered", id: string) {
  return {
    id,
    alert_id: "18692904",
    alert_cycle_key: "7294361538462950000",
    aggreg_key: "9bd4ac313a4d1e8fae2482df7b77628",
    title: `[P2] [${transition} on {host:web-1}] LLM latency p95 above 5s`,
    body: "%%%\nLatency is high on web-1 @webhook-llmguard\n%%%",
    alert_transition: transition,
    alert_priority: "P2",
    alert_type: transition === "Recovered" ? "success" : "error",
    date: String(Date.now()),
    link: `https://app.datadoghq.com/event/event?id=${id}`,
    tags: "env:prod, service:chat",
    alert_metric: "llm.latency.p95",
    alert_status: "llm.latency.p95 over host:web-1 was > 5000 on average during the last 5m",
    alert_scope: "host:web-1",
  };
}

/** Posts an alert the way a Datadog webhook with the custom header does. */
async function sendAlert(url: string, secret: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "X-LLMGuard-Webhook-Secret": secret }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { received?: boolean; action?: string; incidentId?: string | null } };
}

test("an owner connects Datadog, an alert opens an incident, and a test e-mail reaches the outbox", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const projectName = `Alerting app ${Date.now()}`;
  const owner = await registerWithProject(request, "alerts-owner", projectName);
  const settingsUrl = `/projects/${owner.projectId}/incidents/settings`;
  await logIn(page, owner.email);

  // From the Incidents page header.
  await page.goto(`/projects/${owner.projectId}/incidents`);
  await page.getByRole("link", { name: "Integrations & notifications" }).click();
  await page.waitForURL(`**${settingsUrl}`);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations & notifications" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Incidents" })).toBeVisible();
  const status = page.getByTestId("datadog-status");
  await expect(status).toContainText("Not connected");
  await expect(status).toContainText(`/webhooks/datadog?projectId=${owner.projectId}`);
  await expect(page.getByRole("region", { name: "E-mail", exact: true }).getByLabel("Minimum severity")).toHaveValue("high");
  await shot(page, "01-not-connected");
  await expectNoA11yViolations(page, "incident settings");

  // Connect: the URL, the Basic auth user and the secret, once.
  await page.getByRole("button", { name: "Connect Datadog" }).click();
  const shown = page.getByRole("dialog", { name: "Datadog connected" });
  await expect(shown).toBeVisible();
  const secret = (await shown.getByTestId("datadog-secret").textContent())?.trim() ?? "";
  const url = (await shown.getByTestId("datadog-url").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(32);
  expect(url).toBe(`${baseURL}/webhooks/datadog?projectId=${owner.projectId}`);
  await expect(shown).toContainText("it is shown only this once");
  await expect(shown).toContainText(owner.projectId);
  await expect(shown).toContainText(`{"X-LLMGuard-Webhook-Secret":"${secret}"}`);
  await expect(shown.getByRole("button", { name: "Copy secret" })).toBeVisible();
  await shot(page, "02-secret-shown-once", false);
  await expectNoA11yViolations(page, "incident settings: Datadog secret dialog open");
  const template = shown.getByRole("region", { name: "Payload template (JSON)" });
  await expect(template).toContainText('"alert_transition": "$ALERT_TRANSITION"');
  await template.focus();
  await expect(template).toBeFocused();
  await shot(page, "02b-setup-steps", false);
  await shown.getByRole("button", { name: "I have copied the secret" }).click();
  await expect(shown).toBeHidden();
  await expect(status).toContainText("Connected");
  await expect(page.getByTestId("datadog-last-received")).toHaveText("No alert received yet");
  await expect(page.getByText(secret)).toHaveCount(0);

  // A real alert with the shown secret opens an incident; a wrong secret is refused.
  const refused = await sendAlert(url, `${secret}x`, datadogAlert("Triggered", `${Date.now()}1`));
  expect(refused.status).toBe(401);
  const opened = await sendAlert(url, secret, datadogAlert("Triggered", `${Date.now()}2`));
  expect(opened.status).toBe(200);
  expect(opened.body).toMatchObject({ received: true, action: "opened" });

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Incidents" }).click();
  await page.waitForURL(`**/projects/${owner.projectId}/incidents`);
  // The list was read (empty) a moment ago and refreshes every 10 s; Refresh reads it now.
  await page.getByRole("button", { name: "Refresh" }).click();
  const row = page.getByTestId("incident-row").filter({ hasText: "Datadog: LLM latency p95 above 5s" });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("High");
  await expect(row).toContainText("Open");
  await shot(page, "03-incident-from-alert");

  // The alert is on the settings page; "recovered" resolves once chosen.
  await page.goto(settingsUrl);
  await expect(page.getByTestId("datadog-last-received")).toHaveText("just now");
  await page.getByRole("radio", { name: /Resolve it/ }).check();
  await page.getByRole("button", { name: "Save recovery setting" }).click();
  await expect(page.getByText("Saved: a recovered alert now resolves its incident.")).toBeVisible();
  const recovered = await sendAlert(url, secret, datadogAlert("Recovered", `${Date.now()}3`));
  expect(recovered.body).toMatchObject({ received: true, action: "resolved", incidentId: opened.body.incidentId });

  // Rotating asks first, shows the new secret once, and the old one stops at once.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate the Datadog secret?" });
  await expect(confirm).toContainText("stops working at once");
  await shot(page, "03b-rotate-confirm", false);
  await expectNoA11yViolations(page, "incident settings: rotate confirmation open");
  await confirm.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = page.getByRole("dialog", { name: "New Datadog secret" });
  await expect(rotated).toBeVisible();
  const newSecret = (await rotated.getByTestId("datadog-secret").textContent())?.trim() ?? "";
  expect(newSecret).not.toBe(secret);
  await rotated.getByRole("button", { name: "I have copied the secret" }).click();
  expect((await sendAlert(url, secret, datadogAlert("Triggered", `${Date.now()}4`))).status).toBe(401);
  expect((await sendAlert(url, newSecret, datadogAlert("Triggered", `${Date.now()}5`))).status).toBe(200);
  await expect(page.getByTestId("datadog-status")).not.toContainText("Never rotated");

  // E-mail: minimum severity low, saved in the base config, then a test e-mail.
  const email = page.getByRole("region", { name: "E-mail", exact: true });
  await email.getByLabel("Minimum severity").selectOption("low");
  await email.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(email.getByText("Saved: E-mail notifies low and above (every incident).")).toBeVisible();
  await page.reload();
  await expect(email.getByLabel("Minimum severity")).toHaveValue("low");
  await email.getByRole("button", { name: "Send test e-mail" }).click();
  await expect(email.getByText("Test e-mail sent to the project's owner and admins.")).toBeVisible();

  // Slack without its URL: the server's message says what to set.
  const slack = page.getByRole("region", { name: "Slack", exact: true });
  await expect(slack.getByTestId("secret-state-NOTIFY_SLACK_WEBHOOK_URL")).toContainText("Not set");
  await slack.getByRole("button", { name: "Send test to Slack" }).click();
  await expect(slack.getByRole("alert")).toContainText("NOTIFY_SLACK_WEBHOOK_URL");

  // Webhook: a signing secret generated here and shown once; the URL is write-only.
  const hook = page.getByRole("region", { name: "Signed webhook", exact: true });
  await hook.getByRole("button", { name: "Generate signing secret" }).click();
  const signing = page.getByRole("dialog", { name: "Webhook signing secret" });
  await expect(signing.getByTestId("signing-secret")).toHaveText(/^[0-9a-f]{64}$/);
  const signingSecret = (await signing.getByTestId("signing-secret").textContent()) ?? "";
  await shot(page, "04-signing-secret", false);
  await signing.getByRole("button", { name: "I have copied the secret" }).click();
  await expect(signing).toBeHidden();
  await expect(hook.getByTestId("secret-state-NOTIFY_WEBHOOK_SIGNING_SECRET").getByText("Set", { exact: true })).toBeVisible();
  await expect(page.getByText(signingSecret)).toHaveCount(0);

  await hook.getByLabel("New webhook URL").fill("not a url");
  await hook.getByRole("button", { name: "Save webhook settings" }).click();
  await expect(hook.getByLabel("New webhook URL")).toHaveAttribute("aria-invalid", "true");
  // A private address: stored, but the server refuses to send to it, and says so.
  await hook.getByLabel("New webhook URL").fill("https://127.0.0.1:9/llmguard");
  await hook.getByLabel("Minimum severity").selectOption("critical");
  await hook.getByRole("button", { name: "Save webhook settings" }).click();
  await expect(hook.getByText(/^Saved: NOTIFY_WEBHOOK_URL saved/)).toBeVisible();
  await expect(hook.getByLabel("New webhook URL")).toHaveValue("");
  await expect(hook.getByTestId("secret-state-NOTIFY_WEBHOOK_URL").getByText("Set", { exact: true })).toBeVisible();
  await expect(page.getByText("https://127.0.0.1:9/llmguard")).toHaveCount(0);
  await hook.getByRole("button", { name: "Send test webhook" }).click();
  await expect(hook.getByRole("alert")).toContainText("NOTIFY_WEBHOOK_URL");
  await shot(page, "05-notifications");
  await expectNoA11yViolations(page, "incident settings with notifications");

  // The test e-mail in the dev outbox.
  await page.goto("/dev/outbox");
  const mail = page.getByRole("article").filter({ hasText: projectName }).filter({ hasText: "[TEST]" });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(owner.email);
  await expect(mail).toContainText("This is a test notification from LLMGuard");
  await mail.scrollIntoViewIfNeeded();
  await shot(page, "06-outbox");
});

test("a viewer sees the integration and notification settings read-only", async ({ page, request }) => {
  const owner = await registerWithProject(request, "alerts-admin", "Shared alerting app");
  const P = `/api/v1/projects/${owner.projectId}`;
  const configured = await request.post(`${P}/integrations/datadog`, { headers: owner.headers });
  expect(configured.status()).toBe(201);
  const { secret } = (await configured.json()) as { secret: string };
  const viewerEmail = `alerts-viewer-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email: viewerEmail, password, name: "Viewer" } })).status()).toBe(201);
  expect((await request.post(`${P}/members`, { data: { email: viewerEmail, role: "viewer" }, headers: owner.headers })).status()).toBe(201);

  await logIn(page, viewerEmail);
  await page.goto(`/projects/${owner.projectId}/incidents/settings`);
  await expect(page.getByText("Your role (viewer) can see these settings.")).toBeVisible();
  await expect(page.getByTestId("datadog-status")).toContainText("Connected");
  await expect(page.getByRole("button", { name: "Rotate secret" })).toBeDisabled();
  await expect(page.getByTitle("Connecting Datadog and rotating its secret needs the admin or owner role (you are viewer).")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Mark it mitigated/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /Resolve it/ })).toBeDisabled();
  for (const [region, test] of [
    ["E-mail", "Send test e-mail"],
    ["Slack", "Send test to Slack"],
    ["Signed webhook", "Send test webhook"],
  ] as const) {
    const card = page.getByRole("region", { name: region, exact: true });
    await expect(card.getByLabel("Minimum severity")).toBeDisabled();
    await expect(card.getByRole("button", { name: test })).toBeDisabled();
  }
  await expect(page.getByRole("region", { name: "Signed webhook", exact: true }).getByRole("button", { name: "Generate signing secret" })).toBeDisabled();
  await expect(page.getByLabel("New Slack incoming webhook URL")).toBeDisabled();
  await expect(page.getByText(secret)).toHaveCount(0);
  await shot(page, "07-viewer");
  await expectNoA11yViolations(page, "incident settings (viewer)");
});
