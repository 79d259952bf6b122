// sysfs: the filesystem, its boot-time tree and device classes.
import "./sysfs.js";
import "./kernel.js";
import "./class.js";
