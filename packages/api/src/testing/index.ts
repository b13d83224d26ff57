export { serveRest, restClient } from "./serve";
export { signedInCaller, anonymousCaller } from "./caller";
