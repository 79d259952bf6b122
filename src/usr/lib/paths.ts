// The default command search paths, as a Debian or Ubuntu login sets them: an ordinary user's
// includes the sbin directories (so lsmod, modinfo and the other module tools are found without
// typing /sbin), root's is sudo's secure_path.
export const USER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games";
export const ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
export const defaultPath = (uid: number) => (uid === 0 ? ROOT_PATH : USER_PATH);
