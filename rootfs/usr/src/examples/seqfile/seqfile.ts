// seqfile: a /proc file written with seq_file. /proc/seqfile lists the planets of a list the
// module builds at init, one record per line after a header line. The seq_operations
// iterator (start, next, stop, show) lets seq_read print one record at a time and continue
// where the last read stopped, however small the reader's buffer.
import { pr_info } from "linux/printk";
import { proc_create, proc_remove, type proc_dir_entry } from "linux/proc_fs";
import { seq_open, seq_read, seq_lseek, seq_release, seq_printf, seq_puts, SEQ_START_TOKEN, type seq_operations } from "linux/seq_file";
import { ENOMEM } from "linux/errno";
import { module_init, module_exit, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";


/** One element of the list. */
interface planet { name: string; moons: number; next: planet | null }

let head: planet | null = null;

/** The pos-th element (0 is the first), or null past the end. */
function nth(pos: number): planet | null {
  let p = head;
  for (let i = 0; p && i < pos; i++) p = p.next;
  return p;
}

const planets_seq_ops: seq_operations = {
  // Position 0 is the header line; position n (n >= 1) is the list's n-th element.
  start(_m, pos) {
    return pos.value === 0 ? SEQ_START_TOKEN : nth(pos.value - 1);
  },
  next(_m, v, pos) {
    pos.value++;
    return v === SEQ_START_TOKEN ? head : (v as planet).next;
  },
  stop() {
    // Nothing to release: start took no lock.
  },
  show(m, v) {
    if (v === SEQ_START_TOKEN) {
      seq_puts(m, "planet   moons\n");
      return 0;
    }
    const p = v as planet;
    seq_printf(m, "%-8s %5d\n", p.name, p.moons);
    return 0;
  },
};

let entry: proc_dir_entry | null = null;

function seqfile_init(): number {
  const data: [string, number][] = [["Mercury", 0], ["Venus", 0], ["Earth", 1], ["Mars", 2], ["Jupiter", 95],
    ["Saturn", 146], ["Uranus", 28], ["Neptune", 16]];
  // Build the list back to front, so it reads in order from head.
  for (let i = data.length - 1; i >= 0; i--) head = { name: data[i][0], moons: data[i][1], next: head };
  entry = proc_create("seqfile", 0o444, null, {
    proc_open: (_inode, file) => seq_open(file, planets_seq_ops),
    proc_read: seq_read,
    proc_lseek: seq_lseek,
    proc_release: seq_release,
  });
  if (!entry) { head = null; return -ENOMEM; }
  pr_info("seqfile: /proc/seqfile lists %d planets\n", data.length);
  return 0;
}

function seqfile_exit(): void {
  proc_remove(entry);
  head = null;
  pr_info("seqfile: removed /proc/seqfile\n");
}

module_init(seqfile_init);
module_exit(seqfile_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A seq_file /proc entry iterating over a list");
