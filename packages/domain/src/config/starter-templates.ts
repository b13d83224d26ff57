import type { ConfigTemplate } from "./config.schema";

/**
 * Built-in starter templates: the keys a service typically needs for a provider, with secrets as
 * {{ secret:NAME }} references and tunables defaulting through {{ key | default }}. Applying one is an
 * ordinary config change (the dashboard creates the listed secrets first, then PUTs the values).
 * Client-safe: plain data (the shape, ConfigTemplateSchema, is in config.schema.ts).
 */
export const CONFIG_TEMPLATES: ConfigTemplate[] = [
  {
    id: "openai",
    name: "OpenAI",
    description: "Chat completions through the OpenAI API",
    values: {
      "openai.apiKey": "{{ secret:OPENAI_API_KEY }}",
      "openai.baseUrl": "https://api.openai.com/v1",
      "openai.model": "{{ llm.model | gpt-4o-mini }}",
      "openai.temperature": 0.2,
      "openai.maxTokens": 1024,
      "openai.timeoutMs": 30000,
    },
    secrets: [{ name: "OPENAI_API_KEY", description: "OpenAI API key (sk-...)" }],
  },
  {
    id: "anthropic",
    name: "Anthropic",
    description: "Claude through the Anthropic Messages API",
    values: {
      "anthropic.apiKey": "{{ secret:ANTHROPIC_API_KEY }}",
      "anthropic.baseUrl": "https://api.anthropic.com",
      "anthropic.version": "2023-06-01",
      "anthropic.model": "claude-3-5-sonnet-latest",
      "anthropic.maxTokens": 1024,
      "anthropic.temperature": 0.2,
    },
    secrets: [{ name: "ANTHROPIC_API_KEY", description: "Anthropic API key (sk-ant-...)" }],
  },
  {
    id: "aws-bedrock",
    name: "AWS Bedrock",
    description: "Foundation models through Amazon Bedrock",
    values: {
      "bedrock.region": "us-east-1",
      "bedrock.modelId": "anthropic.claude-3-5-sonnet-20240620-v1:0",
      "bedrock.accessKeyId": "{{ secret:AWS_ACCESS_KEY_ID }}",
      "bedrock.secretAccessKey": "{{ secret:AWS_SECRET_ACCESS_KEY }}",
      "bedrock.endpoint": "https://bedrock-runtime.{{ bedrock.region }}.amazonaws.com",
      "bedrock.maxTokens": 1024,
    },
    secrets: [
      { name: "AWS_ACCESS_KEY_ID", description: "IAM access key id" },
      { name: "AWS_SECRET_ACCESS_KEY", description: "IAM secret access key" },
    ],
  },
  {
    id: "postgresql",
    name: "PostgreSQL",
    description: "A database connection assembled from parts",
    values: {
      "db.host": "localhost",
      "db.port": 5432,
      "db.name": "app",
      "db.user": "app",
      "db.password": "{{ secret:DB_PASSWORD }}",
      "db.sslmode": "require",
      "db.url": "postgresql://{{ db.user }}:{{ secret:DB_PASSWORD }}@{{ db.host }}:{{ db.port }}/{{ db.name }}?sslmode={{ db.sslmode }}",
      "db.poolMax": 10,
    },
    secrets: [{ name: "DB_PASSWORD", description: "Database password (rotate every 30 days)" }],
  },
  {
    id: "prometheus",
    name: "Prometheus",
    description: "Metrics scraping and remote write",
    values: {
      "prometheus.enabled": true,
      "prometheus.path": "/metrics",
      "prometheus.port": 9464,
      "prometheus.scrapeIntervalSeconds": 15,
      "prometheus.remoteWriteUrl": "https://prometheus.example.com/api/v1/write",
      "prometheus.remoteWriteToken": "{{ secret:PROMETHEUS_REMOTE_WRITE_TOKEN }}",
    },
    secrets: [{ name: "PROMETHEUS_REMOTE_WRITE_TOKEN", description: "Bearer token for remote write" }],
  },
];
