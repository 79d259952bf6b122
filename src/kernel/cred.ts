// Credentials (struct cred): who a task acts as. Root (euid 0) passes permission checks.
export class Cred {
  constructor(
    public uid = 0, public gid = 0,
    public euid = uid, public egid = gid,
    public suid = uid, public sgid = gid,
    public fsuid = euid, public fsgid = egid,
    public groups: number[] = [],
  ) {}
  clone(): Cred {
    return new Cred(this.uid, this.gid, this.euid, this.egid, this.suid, this.sgid, this.fsuid, this.fsgid, [...this.groups]);
  }
  inGroup(gid: number): boolean {
    return this.fsgid === gid || this.groups.includes(gid);
  }
}

/** capable(CAP_*): in Typix every capability belongs to euid 0. */
export function capable(cred: Cred): boolean {
  return cred.euid === 0;
}
