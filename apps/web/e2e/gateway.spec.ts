import { expect, test, type APIRequestContext } from "@playwright/test";
import { startOpenAiTestServer, type OpenAiTestServer } from "@llmguard/domain/openai-testing";
import { expectNoA11yViolations } from "./a11y";

/**
 * Issue 13: a project owner finds the gateway on the project page (base URL, copyable snippets for the
 * OpenAI SDK and curl), points its upstream at a local server speaking OpenAI's protocol (an invalid value
 * is refused next to its field, a valid one is saved and still there after a reload), calls the gateway,
 * and sees the call in Logs marked as gateway traffic beside an SDK record marked API. The server under
 * test runs with GATEWAY_ALLOW_PRIVATE_UPSTREAMS=1 (playwright.config.ts), as a self-hosted model needs.
 */
test.use({ viewport: { width: 1440, height: 900 } });

const password = "correct-horse-42";
const GATEWAY_PATH = "/api/v1/gateway/openai/v1";
let upstream: OpenAiTestServer;

test.beforeAll(async () => {
  upstream = await startOpenAiTestServer();
});
test.afterAll(async () => {
  await upstream?.close();
});

async function owner(request: APIRequestContext) {
  const email = `gateway-${Date.now()}@example.test`;
  expect((await request.post("/api/v1/auth/register", { data: { email, password, name: "Gateway owner" } })).status()).toBe(201);
  const { accessToken } = (await (await request.post("/api/v1/auth/login", { data: { email, password } })).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const created = await request.post("/api/v1/projects", { data: { name: "Gateway app" }, headers: auth });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { project: { id: string }; apiKey: { key: string } };
  return { email, auth, projectId: body.project.id, ingestKey: body.apiKey.key };
}

test("the gateway section gives the base URL and snippets, saves the upstream, and gateway calls show their source in Logs", async ({ page, request, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { email, auth, projectId, ingestKey } = await owner(request);
  const gatewayUrl = `${baseURL}${GATEWAY_PATH}`;

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/projects/);

  await page.goto(`/projects/${projectId}`);
  const section = page.locator("section#gateway");
  await expect(section.getByRole("heading", { name: "Gateway", exact: true })).toBeVisible();
  await expect(section.getByTestId("gateway-base-url")).toHaveText(gatewayUrl);
  await expect(section.getByTestId("gateway-snippet-typescript")).toContainText(`baseURL: "${gatewayUrl}"`);
  await expect(section.getByTestId("gateway-snippet-python")).toContainText(`base_url="${gatewayUrl}"`);
  await expect(section.getByTestId("gateway-snippet-curl")).toContainText(`curl ${gatewayUrl}/chat/completions`);
  await expect(section.getByTestId("gateway-snippet-curl")).toContainText('-H "Authorization: Bearer lg_..."');
  await expect(section.getByRole("link", { name: "Create a key with the gateway scope" })).toHaveAttribute("href", `/projects/${projectId}#api-keys`);

  // Copying a snippet puts exactly the shown text on the clipboard.
  const curl = (await section.getByTestId("gateway-snippet-curl").locator("pre").textContent()) ?? "";
  await section.getByRole("button", { name: "Copy curl" }).click();
  await expect(section.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(curl);

  // No provider key yet: the section says what a call would answer.
  await expect(section.getByText(/no secret named OPENAI_API_KEY/)).toBeVisible();

  // The key form offers the gateway scope, with what it allows.
  const gatewayScope = page.getByRole("checkbox", { name: "gateway", exact: true });
  await expect(gatewayScope).toBeVisible();
  await expect(gatewayScope).toHaveAccessibleDescription(/Call the OpenAI-compatible gateway/);

  // Defaults first; invalid values are refused next to their fields and nothing is saved.
  const baseUrlField = section.getByLabel("Upstream base URL");
  const timeoutField = section.getByLabel("Timeout (ms)");
  const fallbackField = section.getByLabel("Fallback models");
  await expect(baseUrlField).toHaveValue("https://api.openai.com/v1");
  await expect(section.getByLabel("Provider key secret")).toHaveValue("OPENAI_API_KEY");
  await expect(timeoutField).toHaveValue("60000");
  await baseUrlField.fill("ftp://models.internal");
  await timeoutField.fill("50");
  await section.getByRole("button", { name: "Save gateway settings" }).click();
  await expect(baseUrlField).toHaveAttribute("aria-invalid", "true");
  await expect(baseUrlField).toHaveAccessibleDescription(/Enter an http:\/\/ or https:\/\/ URL/);
  await expect(timeoutField).toHaveAttribute("aria-invalid", "true");
  await expect(timeoutField).toHaveAccessibleDescription(/At least 100 ms/);
  await expectNoA11yViolations(page, "project: gateway settings with errors");

  // Valid values are saved as one config version and are what the page shows after a reload.
  await baseUrlField.fill(upstream.baseUrl);
  await timeoutField.fill("20000");
  await fallbackField.fill("gpt-4o-mini\n\ngpt-3.5-turbo");
  await section.getByRole("button", { name: "Save gateway settings" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Saved:" })).toBeVisible();
  await expect(baseUrlField).not.toHaveAttribute("aria-invalid");

  const stored = await request.get(`/api/v1/projects/${projectId}/config/base`, { headers: auth });
  expect(stored.status()).toBe(200);
  const values = Object.fromEntries(((await stored.json()) as { entries: { key: string; value: unknown }[] }).entries.map((e) => [e.key, e.value]));
  expect(values).toMatchObject({ "gateway.upstream.baseUrl": upstream.baseUrl, "gateway.timeoutMs": 20000, "gateway.fallbackModels": ["gpt-4o-mini", "gpt-3.5-turbo"] });
  expect(values).not.toHaveProperty("gateway.upstream.secret"); // unchanged, so not written

  // The provider key goes into the secrets store; the warning goes away.
  expect((await request.put(`/api/v1/projects/${projectId}/secrets/OPENAI_API_KEY`, { data: { value: "sk-e2e-upstream" }, headers: auth })).status()).toBe(200);
  await page.reload();
  await expect(section.getByLabel("Upstream base URL")).toHaveValue(upstream.baseUrl);
  await expect(section.getByLabel("Timeout (ms)")).toHaveValue("20000");
  await expect(section.getByLabel("Fallback models")).toHaveValue("gpt-4o-mini\ngpt-3.5-turbo");
  await expect(section.getByText(/no secret named OPENAI_API_KEY/)).toHaveCount(0);
  await expectNoA11yViolations(page, "project: gateway section");

  // One call through the gateway (a key with the gateway scope) and one SDK record (the ingest key).
  const keyRes = await request.post(`/api/v1/projects/${projectId}/api-keys`, { data: { name: "gateway", scopes: ["gateway"] }, headers: auth });
  expect(keyRes.status()).toBe(201);
  const gatewayKey = ((await keyRes.json()) as { key: string }).key;
  upstream.reply({ kind: "answer", content: "Paris." });
  const completion = await request.post(`${GATEWAY_PATH}/chat/completions`, {
    headers: { authorization: `Bearer ${gatewayKey}` },
    data: { model: "gpt-4o", messages: [{ role: "user", content: "Capital of France, via the gateway?" }] },
  });
  expect(completion.status(), await completion.text()).toBe(200);
  expect(((await completion.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe("Paris.");
  expect(upstream.requests.at(-1)?.headers.authorization).toBe("Bearer sk-e2e-upstream");
  const ingested = await request.post("/api/v1/requests", {
    headers: { "x-api-key": ingestKey },
    data: { prompt: "Capital of Spain, via the SDK?", response: "Madrid.", model: "gpt-4o-mini", latencyMs: 120, status: "success" },
  });
  expect(ingested.status()).toBe(201);
  // The gateway logs after it has answered: wait until both records are searchable.
  await expect
    .poll(async () => {
      const res = await request.get(`/api/v1/requests?projectId=${projectId}`, { headers: auth });
      return ((await res.json()) as { items?: { source: string }[] }).items?.map((r) => r.source).sort() ?? [];
    })
    .toEqual(["api", "gateway"]);

  await page.goto(`/projects/${projectId}/logs`);
  const rows = page.getByTestId("log-row");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("columnheader", { name: "Source" })).toBeVisible();
  const gatewayRow = rows.filter({ hasText: "Capital of France" });
  const apiRow = rows.filter({ hasText: "Capital of Spain" });
  await expect(gatewayRow.getByText("Gateway", { exact: true })).toBeVisible();
  await expect(apiRow.getByText("API", { exact: true })).toBeVisible();
  await expectNoA11yViolations(page, "logs: gateway and API records");

  await gatewayRow.click();
  const drawer = page.getByTestId("log-drawer");
  await expect(drawer.getByText("Gateway", { exact: true })).toBeVisible();
  await expect(drawer).toContainText("Logged by the OpenAI-compatible gateway");
  await expectNoA11yViolations(page, "logs: gateway record open");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // The Source filter keeps one kind of traffic, in the URL so the view can be shared.
  await page.getByLabel("Source").selectOption("gateway");
  await expect(page).toHaveURL(/[?&]source=gateway/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Capital of France");
  await page.getByLabel("Source").selectOption("api");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Capital of Spain");
});
