import { expect, test } from "@playwright/test";

test("the production server answers its health check and tags the response with a request id", async ({ page }) => {
  const res = await page.goto("/api/health");
  expect(res?.status()).toBe(200);
  expect(res?.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.locator("body")).toContainText('"status":"ok"');
});
