// /proc/kmsg: the kernel log as a stream, for klogd. Reading consumes records in syslog's
// format ("<P>[    1.234567] text\n"), sharing syslog(2)'s read position, and sleeps while
// there are none. Only root may open it (mode 0400, and syslog's permission check).
import type { FileOperations } from "../file.js";
import { POLLIN, POLLRDNORM, pollWait } from "../file.js";
import { procCreateFops } from "./root.js";
import { checkSyslogPermission, syslogRead, syslogHasUnread, logWait, SYSLOG_ACTION_OPEN } from "../../kernel/sys_syslog.js";
import { O_NONBLOCK } from "../../include/uapi/fcntl.js";

const procKmsgFops: FileOperations = {
  open(_inode, _file, task) {
    checkSyslogPermission(task, SYSLOG_ACTION_OPEN);
  },
  readIter(file, to, _pos, task) {
    if (to.count === 0) return 0;
    return syslogRead(task, to, (file.flags & O_NONBLOCK) !== 0);
  },
  poll(file, pt) {
    pollWait(file, logWait, pt);
    return syslogHasUnread() ? POLLIN | POLLRDNORM : 0;
  },
};

procCreateFops("kmsg", 0o400, procKmsgFops);
