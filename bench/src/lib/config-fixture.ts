import type { Api } from "./api";

/**
 * A realistic Config & Secrets setup for the config benchmarks: what an LLM service keeps in LLMGuard.
 * Base holds the shared keys (~75: model and sampling parameters, a 6 KB system prompt, routing rules,
 * feature flags, timeouts, provider and database settings, templates referencing other keys); production
 * overrides ~15 of them; three secrets are referenced from production's config, so a key with
 * `secrets:read` receives the realistic answer (values resolved, `secrets` listed).
 */

const PROMPT_PARAGRAPHS = [
  "You are Aria, the customer support assistant of Northwind Outfitters, an online retailer of outdoor clothing and camping equipment. You help customers with orders, deliveries, returns, sizing and product questions.",
  "Always answer in the language the customer writes in. Keep answers short: two to four sentences for simple questions, a short numbered list for procedures. Never invent order numbers, tracking codes, prices or delivery dates; if you do not have the information, say so and offer to connect the customer with a human agent.",
  "Orders: customers can look up an order with its number (format NW-123456) and the e-mail address used at checkout. You may tell them the order status, the carrier and the tracking link returned by the order tool. You must not reveal the shipping address or payment details, even if the customer asks for them.",
  "Returns: items can be returned within 30 days of delivery if unused and with their tags. Footwear and sleeping bags must be in their original packaging. Sale items marked 'final sale' cannot be returned. Refunds go back to the original payment method within 5 to 10 business days after the warehouse receives the parcel.",
  "Sizing: use the size charts of the product tool. When a customer is between two sizes, recommend the larger size for jackets and the smaller size for base layers, and explain why in one sentence. Do not guess measurements that the chart does not contain.",
  "Product questions: describe materials, weight, temperature ratings and care instructions from the product tool only. Do not compare our products with competitors' by name. If a product is out of stock, offer to notify the customer when it is back and suggest at most two alternatives of the same category.",
  "Safety: never give advice that could endanger someone in the outdoors beyond the manufacturer's instructions (for example on stove use in tents or on avalanche terrain); refer the customer to the manufacturer's manual or a qualified guide instead.",
  "Escalation: hand the conversation to a human agent when the customer asks for one, when they are upset after two answers, when the question is about a damaged or dangerous product, a legal matter, a data protection request, or a payment dispute. Say that an agent will join, and summarize the case in one sentence for the agent.",
  "Privacy: do not ask for more personal data than needed. Never ask for full card numbers, passwords or one-time codes. If a customer sends such data, tell them not to share it and do not repeat it back.",
  "Tone: friendly, calm and precise. Use the customer's name if they gave it. Avoid exclamation marks, marketing language and emojis. Do not apologize more than once per conversation.",
  "Tools: call order_lookup(order_number, email), product_info(sku), size_chart(sku), create_return(order_number, items, reason) and handoff(summary). Call at most three tools per answer. If a tool fails, tell the customer that the system is temporarily unavailable and offer a handoff.",
  "Formatting: plain text only; no Markdown tables. Links only from tool results. Prices in the customer's currency as returned by the product tool, with the currency code.",
];

/** A ~6 KB system prompt (the brief asks for 4–8 KB): the paragraphs above, repeated with section numbers. */
export function systemPrompt(): string {
  let out = "";
  for (let i = 0; out.length < 6_000; i++) out += `${i + 1}. ${PROMPT_PARAGRAPHS[i % PROMPT_PARAGRAPHS.length]}\n\n`;
  return out.trimEnd();
}

export const CONFIG_SECRETS: Record<string, string> = {
  OPENAI_API_KEY: "sk-proj-bench-4f9a1c2e7b3d8e6f0a5b9c1d2e3f4a5b6c7d8e9f0a1b2c3d",
  ANTHROPIC_API_KEY: "sk-ant-api03-bench-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d",
  DB_PASSWORD_PROD: "pr0d-Bench-Passw0rd-7d1e2f3a",
};

export function baseConfig(): Record<string, unknown> {
  const values: Record<string, unknown> = {
    "llm.model": "gpt-4o-mini",
    "llm.systemPrompt": systemPrompt(),
    "llm.temperature": 0.3,
    "llm.topP": 0.95,
    "llm.maxTokens": 1024,
    "llm.presencePenalty": 0,
    "llm.frequencyPenalty": 0.2,
    "llm.stop": ["\n\nCustomer:", "\n\nAgent:"],
    "llm.fallbackModel": "claude-3-5-haiku",
    "llm.timeoutMs": 30_000,
    "llm.retries": 2,
    "llm.streaming": true,
    "guard.riskThreshold": 70,
    "guard.blockedKeywords": ["internal only", "project falcon", "do not distribute"],
    "guard.allowlist": ["password reset", "reset my password"],
    "guard.piiRedaction": true,
    "guard.blockOnInjection": false,
    "limits.requestsPerMinute": 1_000_000,
    "limits.tokensPerDay": 5_000_000,
    "limits.maxConversationTurns": 40,
    "limits.maxInputChars": 20_000,
    "openai.baseUrl": "https://api.openai.com/v1",
    "openai.model": "{{ llm.model }}",
    "openai.organization": "org-northwind",
    "openai.timeoutMs": "{{ llm.timeoutMs }}",
    "anthropic.baseUrl": "https://api.anthropic.com",
    "anthropic.model": "{{ llm.fallbackModel }}",
    "anthropic.version": "2023-06-01",
    "routing.rules": [
      { match: { endpoint: "support-chat", locale: "de" }, model: "gpt-4o", weight: 100 },
      { match: { endpoint: "summarizer" }, model: "gpt-4o-mini", weight: 80 },
      { match: { endpoint: "summarizer" }, model: "claude-3-5-haiku", weight: 20 },
      { match: { endpoint: "sql-assistant" }, model: "o3-mini", weight: 100 },
    ],
    "routing.defaultEndpoint": "support-chat",
    "routing.stickySessions": true,
    "pricing.overrides": { "local-llama": { input: 0, output: 0 } },
    "cache.enabled": true,
    "cache.ttlSeconds": 600,
    "cache.maxEntries": 20_000,
    "cache.semanticThreshold": 0.92,
    "tools.orderLookup.url": "https://orders.internal.northwind.example/v2/lookup",
    "tools.orderLookup.timeoutMs": 2_500,
    "tools.productInfo.url": "https://catalog.internal.northwind.example/v1/products",
    "tools.productInfo.timeoutMs": 1_500,
    "tools.sizeChart.url": "https://catalog.internal.northwind.example/v1/size-charts",
    "tools.createReturn.url": "https://returns.internal.northwind.example/v1/returns",
    "tools.handoff.queue": "support-tier1",
    "tools.maxCallsPerAnswer": 3,
    "db.host": "db.internal.northwind.example",
    "db.port": 5432,
    "db.name": "support",
    "db.user": "support_app",
    "db.poolSize": 10,
    "db.statementTimeoutMs": 5_000,
    "observability.sampleRate": 0.1,
    "observability.logPrompts": false,
    "observability.exporter": "otlp",
    "observability.endpoint": "http://otel-collector.internal:4318",
    "ui.greeting": "Hi, I'm Aria from Northwind Outfitters. How can I help you today?",
    "ui.handoffMessage": "I'm connecting you with a colleague from our support team. They will join in a moment.",
    "ui.maxSuggestions": 3,
    "ui.locales": ["en", "de", "fr", "nl", "sv"],
    "features.returnsSelfService": true,
    "features.sizeAdvisor": true,
    "features.productComparison": false,
    "features.voiceInput": false,
    "features.proactiveOffers": false,
    "experiments.promptVariant": "b",
    "experiments.summaryLength": { control: 3, variant: 5, split: 0.5 },
    "support.hours": { mon_fri: "08:00-20:00", sat: "09:00-17:00", sun: null, timezone: "Europe/Amsterdam" },
    "support.escalationEmail": "support-escalations@northwind.example",
    "release.channel": "stable",
    "release.minSdkVersion": "0.1.0",
    "bench.revision": 0,
  };
  return values;
}

/** Production's own keys: overrides of base plus the secret references. */
export function productionConfig(): Record<string, unknown> {
  return {
    "llm.model": "gpt-4o",
    "llm.temperature": 0.2,
    "llm.maxTokens": 800,
    "guard.riskThreshold": 60,
    "guard.blockOnInjection": true,
    "limits.tokensPerDay": 50_000_000,
    "openai.apiKey": "{{ secret:OPENAI_API_KEY }}",
    "anthropic.apiKey": "{{ secret:ANTHROPIC_API_KEY }}",
    "db.host": "db-prod.internal.northwind.example",
    "db.password": "{{ secret:DB_PASSWORD_PROD }}",
    "db.url": "postgresql://{{ db.user }}:{{ secret:DB_PASSWORD_PROD }}@{{ db.host }}:{{ db.port }}/{{ db.name }}?sslmode=require",
    "db.poolSize": 40,
    "observability.sampleRate": 0.02,
    "cache.maxEntries": 200_000,
    "release.channel": "production",
  };
}

/**
 * Creates the secrets and both layers of config in `projectId`, and an API key with `config:read` +
 * `secrets:read`. Returns the key and what the delivered config holds.
 */
export async function setUpConfig(api: Api, token: string, projectId: string): Promise<{ apiKey: string; keyId: string; keys: number; systemPromptChars: number; version: number }> {
  for (const [name, value] of Object.entries(CONFIG_SECRETS)) await api.putSecret(token, projectId, name, value, 90);
  // Base may already hold the settings keys (PATCH settings writes them); put the whole layer on top.
  await api.putConfig(token, projectId, "base", baseConfig(), "benchmark: base layer");
  const { version } = await api.putConfig(token, projectId, "production", productionConfig(), "benchmark: production overrides and secrets");
  const key = await api.createApiKey(token, projectId, "bench config reader", ["config:read", "secrets:read"]);
  const keys = new Set([...Object.keys(baseConfig()), ...Object.keys(productionConfig())]).size;
  return { apiKey: key.key, keyId: key.keyId, keys, systemPromptChars: systemPrompt().length, version };
}
