// procfs: every part of /proc, imported once so that booting brings it in.
import "./root.js";
import "./generic.js";
import "./hardware.js";
import "./sysctl.js";
import "./kmsg.js";
import "./base.js";
