// Worker threads start without the parent's TypeScript loader (Node 20), under tsx and vitest alike:
// register tsx here, then load the real thread.
import { register } from "tsx/esm/api";

register();
await import("./pglite-thread.ts");
