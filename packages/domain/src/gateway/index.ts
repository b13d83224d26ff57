export * from "./gateway.schema";
export { forwardChatCompletion } from "./chat-completions.service";
export { forwardEmbeddings } from "./embeddings.service";
export { listUpstreamModels } from "./models.service";
export type { GatewayReply } from "./gateway-call";
