// How the line being edited is shown: the prompt's last line and the text, wrapped at the
// terminal's width (asked for at each redraw, so a resized window is followed). The display
// remembers where the cursor is, so that a redraw can go back up to the prompt's row.
import { getWinsize } from "../../../lib/libc/sys/ioctl.js";
import { writeAll } from "./io.js";

/** Columns a text takes: escape sequences take none (characters are taken as one column). */
function widthOf(s: string): number {
  return [...s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")].length;
}

export class Display {
  /** The prompt's last line (redrawn with the text), and its width. */
  private readonly prompt: string;
  private readonly promptWidth: number;
  /** Where the cursor is, in columns from the start of the prompt's last line. */
  private at: number;
  /** The text ends exactly at the right margin: the cursor was moved to the next row. */
  wrapped = false;

  constructor(prompt: string) {
    this.prompt = prompt.slice(prompt.lastIndexOf("\n") + 1);
    this.promptWidth = widthOf(this.prompt);
    this.at = this.promptWidth;
  }

  private async cols(): Promise<number> {
    const ws = { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    return (await getWinsize(2, ws)) === 0 && ws.ws_col > 0 ? ws.ws_col : 80;
  }

  /** The screen was cleared: the cursor is at its top left corner. */
  home(): void { this.at = 0; }

  /** Show the whole line again, the cursor before character cur. */
  async draw(line: string[], cur: number): Promise<void> {
    const cols = await this.cols();
    const up = Math.floor(this.at / cols);
    let s = (up ? `\x1b[${up}A` : "") + "\r" + this.prompt + line.join("") + "\x1b[J";
    const end = this.promptWidth + line.length;
    this.wrapped = end > 0 && end % cols === 0;
    // At the margin a terminal waits to wrap: move to the next row ourselves.
    if (this.wrapped) s += "\n";
    const target = this.promptWidth + cur;
    const rows = Math.floor(end / cols) - Math.floor(target / cols);
    if (rows > 0) { s += `\x1b[${rows}A`; this.wrapped = false; }
    s += "\r" + (target % cols ? `\x1b[${target % cols}C` : "");
    this.at = target;
    await writeAll(2, s);
  }

  /** A character typed at the end of the line. */
  async append(ch: string): Promise<void> {
    const cols = await this.cols();
    this.at++;
    this.wrapped = this.at % cols === 0;
    await writeAll(2, this.wrapped ? ch + "\n" : ch);
  }
}
