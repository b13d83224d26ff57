export { serveRest, restClient } from "./serve";
export { signedInCaller, anonymousCaller } from "./caller";
export { openSse, type SseEvent } from "./sse";
export { signUpOverRest, projectOverRest, addMemberOverRest } from "./rest-fixtures";
