import { expect, test } from "@playwright/test";

/**
 * Login throttling as a user meets it (issue 8): after LOGIN_MAX_FAILURES_PER_EMAIL (default 5) failed
 * logins for one e-mail, the login form says so ("Too many failed logins…") instead of the generic
 * "Invalid email or password", which would send the user on retrying a password that is not the problem.
 */
const password = "correct-horse-42";
const email = `throttle-${Date.now()}@example.test`;

test("the 6th failed login for one e-mail shows a too-many-attempts message, not a generic error", async ({ page, request }) => {
  const registered = await request.post("/api/v1/auth/register", { data: { email, password } });
  expect(registered.status()).toBe(201);

  await page.goto("/login");
  // the form's own error (Next's route announcer is an empty alert too)
  const alert = page.locator("form").getByRole("alert");
  const attempt = async (n: number) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${n}`);
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Log in" }).click();
    await answered;
  };

  for (let n = 1; n <= 5; n++) {
    await attempt(n);
    await expect(alert).toHaveText("Invalid email or password");
  }
  await page.screenshot({ path: "e2e/artifacts/login-throttle-05-generic.png", fullPage: true });

  await attempt(6);
  await expect(alert).toContainText(/too many/i);
  await expect(alert).not.toContainText("Invalid email or password");
  await page.screenshot({ path: "e2e/artifacts/login-throttle-06-too-many.png", fullPage: true });
  await expect(page).toHaveURL(/\/login/);
});
