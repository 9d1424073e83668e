import { helpReply } from "../src/core/commands/help.ts";
const r = helpReply(); console.log(r.text.length);
