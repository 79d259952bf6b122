// poweroff: power the machine off (as reboot -p; see reboot.ts).
import { rebootMain } from "./reboot.js";

export default function main(argv: string[]): Promise<number> {
  return rebootMain(argv, "poweroff");
}
